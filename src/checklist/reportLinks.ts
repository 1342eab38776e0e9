/**
 * Signed, expiring download links for exported reports.
 *
 * The token is the assessment id, the format and an expiry time, signed with
 * HMAC-SHA256 under a server secret. Nothing is stored: the signature is the
 * permission, so the link works on any instance sharing the secret and stops
 * working at its expiry. Anyone holding a live link can download the report,
 * which is why links are short-lived and only handed out inside the
 * partnership's own conversation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ReportFormat } from './report.js';

const Payload = z.object({
  a: z.string().min(1).max(64),
  f: z.enum(['md', 'csv']),
  /** Expiry, seconds since the epoch. */
  e: z.number().int().positive(),
});

export type LinkCheck =
  | { ok: true; assessmentId: string; format: ReportFormat; expiresAt: Date }
  | { ok: false; reason: 'forged' | 'expired' };

export interface ReportLinks {
  /** The token for a link; callers put it after `/reports/`. */
  sign(assessmentId: string, format: ReportFormat, now?: Date): { token: string; expiresAt: Date };
  verify(token: string, now?: Date): LinkCheck;
  readonly ttlMinutes: number;
}

export function reportLinks(secret: string, ttlMinutes: number): ReportLinks {
  if (secret.length < 32) throw new Error('The report link secret must be at least 32 characters');
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    ttlMinutes,
    sign(assessmentId, format, now = new Date()) {
      const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlMinutes * 60_000);
      const body = Buffer.from(JSON.stringify({ a: assessmentId, f: format, e: expiresAt.getTime() / 1000 })).toString('base64url');
      return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt };
    },
    verify(token, now = new Date()) {
      const [body, signature, ...rest] = token.split('.');
      if (!body || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signature)) {
        return { ok: false, reason: 'forged' };
      }
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(body);
      // Compare in constant time; a length mismatch is a forgery without looking further.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      let payload: z.infer<typeof Payload>;
      try {
        payload = Payload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      } catch {
        return { ok: false, reason: 'forged' };
      }
      const expiresAt = new Date(payload.e * 1000);
      if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, assessmentId: payload.a, format: payload.f, expiresAt };
    },
  };
}
