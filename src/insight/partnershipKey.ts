/**
 * The opaque partnership key a recorded question carries: an HMAC of the
 * conversation's space with a secret kept in the database, so themes can say
 * how many partnerships asked about a topic without holding anything that
 * names one, or anyone.
 *
 * A team channel or group chat is a partnership's shared space. Personal chat
 * is one person's space, so there the key is the person's organisation (their
 * Microsoft 365 tenant) instead: the count is of organisations, and no key is
 * ever derived from who asked.
 */
import { createHmac } from 'node:crypto';

export interface SpaceRef {
  key: string;
  kind: 'team' | 'chat' | 'personal';
}

export function partnershipKey(secret: string, space: SpaceRef, tenantId: string | undefined): string {
  const subject = space.kind === 'personal' ? `tenant:${tenantId ?? 'unknown'}` : space.key;
  return createHmac('sha256', secret).update(subject).digest('base64url').slice(0, 22);
}
