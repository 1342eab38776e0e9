/**
 * The one cache the bot keeps, with one eviction rule: bounded, least recently
 * used out first.
 *
 * Work that repeats from turn to turn is memoised with it: the search's stems,
 * tokenised passages, spelling corrections, document frequencies and analysed
 * sentences; SQLite's prepared statements; the connectors to the channel
 * service. Keys often come from what people type, so every cache is bounded:
 * memory stays flat however long the process runs, and what recurs stays warm.
 */
import { LRUCache } from 'lru-cache';

/** Entries per cache: far above what one corpus and a day of questions reuse, far below what would matter to memory. */
export const CACHE_ENTRIES = 5000;

export class LruCache<K extends {}, V extends {}> {
  // isaacs' lru-cache (the one npm itself uses): a hit costs a few array writes, where
  // re-inserting into a Map to mark it recent cost about three times as much, and
  // the search asks these caches dozens of times a question.
  private readonly entries: LRUCache<K, V>;

  constructor(capacity = CACHE_ENTRIES) {
    this.entries = new LRUCache<K, V>({ max: capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** The cached value, or `make()`'s, remembered. */
  getOrSet(key: K, make: () => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const value = make();
    this.entries.set(key, value);
    return value;
  }
}

/** `cache.getOrSet` for work that can fail: a rejected promise is not kept, so the next caller tries afresh. */
export function keptUnlessRejected<K extends {}, T>(cache: LruCache<K, Promise<T>>, key: K, make: () => Promise<T>): Promise<T> {
  return cache.getOrSet(key, () => {
    const made = make();
    made.catch(() => cache.delete(key));
    return made;
  });
}
