/**
 * Pacing to Teams' limits: every sliding window holds, per conversation and per tenant.
 */
import { describe, expect, it } from 'vitest';
import { PER_CONVERSATION, PER_TENANT, teamsPacer, type Pacer } from '../../src/delivery/pacing.js';

/** Send as fast as the pacer allows, on a simulated clock; returns the send times. */
function drive(pacer: Pacer, count: number, conversation: (i: number) => string, tenant = 't1'): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i += 1) {
    now += pacer.waitMs(conversation(i), tenant, now);
    expect(pacer.waitMs(conversation(i), tenant, now)).toBe(0);
    pacer.record(conversation(i), tenant, now);
    times.push(now);
  }
  return times;
}

function maxIn(times: number[], spanMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i]! - times[j]! >= spanMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('teamsPacer', () => {
  it('keeps one conversation within 7/s, 8 per 2 s and 60 per 30 s', () => {
    const times = drive(teamsPacer(), 130, () => 'c1');
    expect(maxIn(times, 1_000)).toBe(7);
    expect(maxIn(times, 2_000)).toBe(8);
    expect(maxIn(times, 30_000)).toBe(60);
    // 130 messages at 60 per 30 s cannot take less than two full windows.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(60_000);
  });

  it('keeps one conversation within 1,800 an hour', () => {
    const pacer = teamsPacer({ conversation: [{ limit: 1_800, spanMs: 3_600_000 }], tenant: [] });
    const times = drive(pacer, 1_801, () => 'c1');
    expect(times[1_799]).toBe(0);
    expect(times[1_800]).toBe(3_600_000);
  });

  it('keeps a tenant within 50 a second across many conversations, and tenants apart', () => {
    const times = drive(teamsPacer(), 500, (i) => `c${i}`);
    expect(maxIn(times, 1_000)).toBe(50);
    expect(times.at(-1)!).toBeGreaterThanOrEqual(9_000);
    const pacer = teamsPacer();
    for (let i = 0; i < 50; i += 1) pacer.record(`a${i}`, 'tenant-a', 0);
    expect(pacer.waitMs('a-next', 'tenant-a', 0)).toBe(1_000);
    expect(pacer.waitMs('b-first', 'tenant-b', 0)).toBe(0);
  });

  it('holds a tenant after a 429 until the time Teams gave', () => {
    const pacer = teamsPacer();
    pacer.holdTenant('t1', 5_000);
    expect(pacer.waitMs('c1', 't1', 1_000)).toBe(4_000);
    expect(pacer.waitMs('c1', 't2', 1_000)).toBe(0);
    expect(pacer.waitMs('c1', 't1', 6_000)).toBe(0);
  });

  it('states the published limits', () => {
    expect(PER_CONVERSATION).toEqual([
      { limit: 7, spanMs: 1_000 },
      { limit: 8, spanMs: 2_000 },
      { limit: 60, spanMs: 30_000 },
      { limit: 1_800, spanMs: 3_600_000 },
    ]);
    expect(PER_TENANT).toEqual([{ limit: 50, spanMs: 1_000 }]);
  });
});
