/**
 * Pacing: how long to wait before the next message so the bot stays inside
 * Teams' published rate limits, rather than finding them with 429s.
 *
 * Teams limits a bot per conversation (7 messages a second, 8 in 2 s, 60 in
 * 30 s, 1,800 an hour) and per app per tenant (about 50 requests a second).
 * Each limit is a sliding window; a send may go when every window that applies
 * to it has room, and the wait is until the oldest send leaves the fullest one.
 * Counting is per instance: with several instances the per-tenant ceiling is
 * shared loosely, and the 429s that can follow are honoured (Retry-After).
 *
 * Pure apart from memory: the clock is passed in.
 */

export interface Window {
  /** At most this many sends … */
  limit: number;
  /** … in any span of this many milliseconds. */
  spanMs: number;
}

/** Teams' per-conversation limits for a bot ("Rate limiting for bots", Microsoft Learn). */
export const PER_CONVERSATION: readonly Window[] = [
  { limit: 7, spanMs: 1_000 },
  { limit: 8, spanMs: 2_000 },
  { limit: 60, spanMs: 30_000 },
  { limit: 1_800, spanMs: 3_600_000 },
];

/** Teams' global limit per app per tenant, about 50 requests a second. */
export const PER_TENANT: readonly Window[] = [{ limit: 50, spanMs: 1_000 }];

/** Keys not seen for longer than the longest window hold no information and are dropped. */
const LONGEST_SPAN_MS = Math.max(...PER_CONVERSATION.map((w) => w.spanMs), ...PER_TENANT.map((w) => w.spanMs));

class SlidingWindows {
  /** Send times per key, oldest first, kept only as long as the longest window needs them. */
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly windows: readonly Window[]) {}

  /** Milliseconds until `key` may send at `now` (0: at once). */
  waitMs(key: string, now: number): number {
    const times = this.sent.get(key);
    if (!times) return 0;
    let wait = 0;
    for (const { limit, spanMs } of this.windows) {
      // The send `limit` places back must have left the window before another may go.
      const blocking = times[times.length - limit];
      if (blocking !== undefined) wait = Math.max(wait, blocking + spanMs - now);
    }
    return Math.max(0, wait);
  }

  record(key: string, at: number) {
    let times = this.sent.get(key);
    if (!times) this.sent.set(key, (times = []));
    times.push(at);
    const keep = Math.max(...this.windows.map((w) => w.limit));
    if (times.length > keep) times.splice(0, times.length - keep);
  }

  prune(now: number) {
    for (const [key, times] of this.sent) if ((times.at(-1) ?? 0) + LONGEST_SPAN_MS < now) this.sent.delete(key);
  }

  get size() {
    return this.sent.size;
  }
}

export interface Pacer {
  /** How long to wait before sending to this conversation in this tenant. */
  waitMs(conversationId: string, tenantId: string | null, now: number): number;
  /** Count a send (call it as the request goes out). */
  record(conversationId: string, tenantId: string | null, now: number): void;
  /** Hold every send to this tenant until `until` (after a 429: Teams said so). */
  holdTenant(tenantId: string | null, until: number): void;
}

export function teamsPacer(rules: { conversation?: readonly Window[]; tenant?: readonly Window[] } = {}): Pacer {
  const conversations = new SlidingWindows(rules.conversation ?? PER_CONVERSATION);
  const tenants = new SlidingWindows(rules.tenant ?? PER_TENANT);
  const held = new Map<string, number>();
  let sinceprune = 0;
  const tenantKey = (tenantId: string | null) => tenantId ?? '';
  return {
    waitMs(conversationId, tenantId, now) {
      const hold = Math.max(0, (held.get(tenantKey(tenantId)) ?? 0) - now);
      return Math.max(hold, conversations.waitMs(conversationId, now), tenants.waitMs(tenantKey(tenantId), now));
    },
    record(conversationId, tenantId, now) {
      conversations.record(conversationId, now);
      tenants.record(tenantKey(tenantId), now);
      // Memory stays proportional to the conversations active in the last hour, not to every one ever seen.
      if (++sinceprune >= 1_000) {
        sinceprune = 0;
        conversations.prune(now);
        tenants.prune(now);
      }
    },
    holdTenant(tenantId, until) {
      const key = tenantKey(tenantId);
      held.set(key, Math.max(held.get(key) ?? 0, until));
    },
  };
}
