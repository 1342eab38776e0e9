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

/** Entries per cache: far above what one corpus and a day of questions reuse, far below what would matter to memory. */
export const CACHE_ENTRIES = 5000;

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity = CACHE_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    // A Map iterates in insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** The cached value, or `make()`'s, remembered. */
  getOrSet(key: K, make: () => V): V {
    if (this.entries.has(key)) return this.get(key) as V;
    const value = make();
    this.set(key, value);
    return value;
  }
}
