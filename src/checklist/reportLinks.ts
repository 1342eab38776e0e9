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
import type { ReportFormat } from './report.js';

export type LinkCheck =
  | { ok: true; assessmentId: string; format: ReportFormat; expiresAt: Date }
  | { ok: false; reason: 'forged' | 'expired' };

export interface ReportLinks {
  /** The token for a link; callers put it after `/reports/`. */
  sign(assessmentId: string, format: ReportFormat, now?: Date): { token: string; expiresAt: Date };
  verify(token: string, now?: Date): LinkCheck;
  readonly ttlMinutes: number;
}

/**
 * `<assessment id>.<md|csv>.<expiry, base-36 seconds>.<HMAC, base64url>`, e.g.
 * `cis-7k3m9q2xfa.md.t3b2kq.3q…` (about 70 characters: restify's router
 * refuses path parameters over 100).
 */
const TOKEN = /^(cis-[a-z0-9]{1,40})\.(md|csv)\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

export function reportLinks(secret: string, ttlMinutes: number): ReportLinks {
  if (secret.length < 32) throw new Error('The report link secret must be at least 32 characters');
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    ttlMinutes,
    sign(assessmentId, format, now = new Date()) {
      const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlMinutes * 60_000);
      const body = `${assessmentId}.${format}.${(expiresAt.getTime() / 1000).toString(36)}`;
      return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt };
    },
    verify(token, now = new Date()) {
      const match = TOKEN.exec(token);
      if (!match) return { ok: false, reason: 'forged' };
      const [, assessmentId, format, expiry, signature] = match;
      // Compare the text, not decoded bytes (base64 ignores the last character's low bits), in constant time.
      const given = Buffer.from(signature!, 'ascii');
      const expected = Buffer.from(mac(`${assessmentId}.${format}.${expiry}`).toString('base64url'), 'ascii');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      const expiresAt = new Date(parseInt(expiry!, 36) * 1000);
      if (!(now.getTime() < expiresAt.getTime())) return { ok: false, reason: 'expired' };
      return { ok: true, assessmentId: assessmentId!, format: format as ReportFormat, expiresAt };
    },
  };
}
