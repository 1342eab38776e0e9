/**
 * The one retry policy: which Teams answers are retried, which end a
 * subscription, Retry-After, and decorrelated jitter's bounds.
 */
import { describe, expect, it } from 'vitest';
import { classifyFailure, MAX_RETRY_AFTER_MS, nextDelayMs, parseRetryAfter, retryDelayMs, RETRYABLE_STATUSES } from '../../src/delivery/retryPolicy.js';

describe('classifyFailure', () => {
  it('retries exactly the transient statuses Teams documents', () => {
    for (const status of [412, 429, 502, 503, 504]) expect(classifyFailure({ status }).action).toBe('retry');
    for (const status of [400, 401, 413, 500, 501]) expect(classifyFailure({ status }).action).toBe('fail');
    expect([...RETRYABLE_STATUSES].sort()).toEqual([412, 429, 502, 503, 504]);
  });

  it('ends the subscription on a 404 or a 403 that says writes are blocked, and only then', () => {
    expect(classifyFailure({ status: 404 }).action).toBe('gone');
    expect(classifyFailure({ status: 403, body: '{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked"}}' }).action).toBe('gone');
    expect(classifyFailure({ status: 403, body: '{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}' }).action).toBe('gone');
    expect(classifyFailure({ status: 403, body: '{"error":{"code":"BotNotInConversationRoster"}}' }).action).toBe('gone');
    expect(classifyFailure({ status: 403, body: '{"error":{"code":"Forbidden","message":"MessageWritesBlocked mentioned in prose only"}}' }).action).toBe('fail');
    expect(classifyFailure({ status: 403 }).action).toBe('fail');
  });

  it('retries socket errors, and fails an error it cannot read', () => {
    expect(classifyFailure({ code: 'ECONNRESET' }).action).toBe('retry');
    expect(classifyFailure({ code: 'SETUP_FAILED' }).action).toBe('retry');
    expect(classifyFailure({ code: 'SOMETHING_ELSE' }).action).toBe('fail');
    expect(classifyFailure({}).action).toBe('fail');
  });

  it('carries Retry-After for 429 and 503', () => {
    expect(classifyFailure({ status: 429, retryAfter: '3' })).toEqual({ action: 'retry', retryAfterMs: 3000 });
    expect(classifyFailure({ status: 503, retryAfter: '1.5' })).toEqual({ action: 'retry', retryAfterMs: 1500 });
    expect(classifyFailure({ status: 502, retryAfter: '3' })).toEqual({ action: 'retry' });
    expect(classifyFailure({ status: 429 })).toEqual({ action: 'retry' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('reads seconds and HTTP dates, and caps what it honours', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 11:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999', now)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('ignores what it cannot read', () => {
    for (const bad of [undefined, null, '', 'soon', '-3', '1e9x']) expect(parseRetryAfter(bad, now)).toBeUndefined();
  });
});

describe('decorrelated jitter', () => {
  const settings = { baseMs: 100, capMs: 5000 };
  it('stays between the base and three times the previous delay, never above the cap', () => {
    expect(nextDelayMs(undefined, settings, () => 0)).toBe(100);
    expect(nextDelayMs(undefined, settings, () => 1)).toBe(300);
    expect(nextDelayMs(1000, settings, () => 1)).toBe(3000);
    expect(nextDelayMs(1000, settings, () => 0)).toBe(100);
    expect(nextDelayMs(4000, settings, () => 1)).toBe(5000);
    let previous: number | undefined;
    for (let i = 0; i < 200; i += 1) {
      const next = nextDelayMs(previous, settings);
      expect(next).toBeGreaterThanOrEqual(100);
      expect(next).toBeLessThanOrEqual(Math.min(5000, Math.max(100, (previous ?? 100) * 3)));
      previous = next;
    }
  });
  it('waits as long as Retry-After says, even beyond the cap, and never less than the base', () => {
    expect(retryDelayMs({ retryAfterMs: 20_000 }, undefined, settings)).toBe(20_000);
    expect(retryDelayMs({ retryAfterMs: 0 }, undefined, settings)).toBe(100);
    expect(retryDelayMs({}, 1000, settings, () => 0.5)).toBe(1550);
  });
});
