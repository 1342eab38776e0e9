/**
 * Fair use: a token bucket per person (a burst, then a steady rate), in memory
 * per instance. Checked at the door, before any search or write, so a flood
 * from one person costs a map lookup per message and others are not slowed.
 * The person is told once per flood; the rest is dropped quietly.
 */

export interface FairUseSettings {
  burst: number;
  perMinute: number;
}

export type FairUseVerdict = 'ok' | 'tell' | 'drop';

/** People seen recently; beyond this the longest-idle are forgotten (their buckets were full anyway). */
const MAX_PEOPLE = 50_000;

export function fairUse(settings: FairUseSettings, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number; told: boolean }>();
  const perMs = settings.perMinute / 60_000;
  return {
    check(person: string): FairUseVerdict {
      const t = now();
      let bucket = buckets.get(person);
      if (bucket) {
        bucket.tokens = Math.min(settings.burst, bucket.tokens + (t - bucket.at) * perMs);
        bucket.at = t;
        buckets.delete(person);
      } else {
        bucket = { tokens: settings.burst, at: t, told: false };
      }
      buckets.set(person, bucket);
      if (buckets.size > MAX_PEOPLE) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        // A full token again means the flood is over: the next one gets told again.
        if (bucket.tokens >= 1) bucket.told = false;
        return 'ok';
      }
      if (bucket.told) return 'drop';
      bucket.told = true;
      return 'tell';
    },
    get size() {
      return buckets.size;
    },
  };
}
export type FairUse = ReturnType<typeof fairUse>;

export const SLOW_DOWN = 'You are sending messages faster than I can answer them, so I have skipped some. Please wait a moment, then send your question again.';
