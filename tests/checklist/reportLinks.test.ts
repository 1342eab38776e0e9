/**
 * Signed report links: valid until they expire; any change to the token is a forgery.
 */
import { describe, expect, it } from 'vitest';
import { reportLinks } from '../../src/checklist/reportLinks.js';

const secret = 'a-test-secret-that-is-at-least-32-characters-long';
const now = new Date('2026-03-05T17:00:00Z');

describe('report links', () => {
  const links = reportLinks(secret, 60);

  it('verifies a fresh link and says what it is for', () => {
    const { token, expiresAt } = links.sign('cis-abcdefghjk', 'csv', now);
    expect(expiresAt.toISOString()).toBe('2026-03-05T18:00:00.000Z');
    expect(token.length).toBeLessThan(100);
    expect(links.verify(token, new Date('2026-03-05T17:59:59Z'))).toEqual({ ok: true, assessmentId: 'cis-abcdefghjk', format: 'csv', expiresAt });
  });

  it('refuses an expired link', () => {
    const { token } = links.sign('cis-abcdefghjk', 'md', now);
    expect(links.verify(token, new Date('2026-03-05T18:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a link whose id, format, expiry or signature was changed, or signed with another secret', () => {
    const { token } = links.sign('cis-abcdefghjk', 'md', now);
    const [id, format, expiry, signature] = token.split('.') as [string, string, string, string];
    const later = (parseInt(expiry, 36) + 86_400).toString(36);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (const forged of [
      [id.replace('abc', 'abd'), format, expiry, signature],
      [id, 'csv', expiry, signature],
      [id, format, later, signature],
      [id, format, expiry, flip(signature, 0)],
      [id, format, expiry, flip(signature, 42)],
      [id, format, expiry, signature.slice(0, -1)],
    ]) {
      expect(links.verify(forged.join('.'), now)).toEqual({ ok: false, reason: 'forged' });
    }
    expect(reportLinks(`${secret}-other`, 60).verify(token, now)).toEqual({ ok: false, reason: 'forged' });
    for (const junk of ['', 'abc', 'a.b.c.d', `${token}.x`, '../../etc/passwd']) expect(links.verify(junk, now)).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('needs a secret of at least 32 characters', () => {
    expect(() => reportLinks('short', 60)).toThrow(/at least 32/);
  });
});
