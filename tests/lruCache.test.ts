import { describe, expect, it } from 'vitest';
import { CACHE_ENTRIES, LruCache, keptUnlessRejected } from '../src/lruCache.js';

describe('the search cache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // "a" is now the most recently used
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('remembers what getOrSet made, and makes it only once', () => {
    const cache = new LruCache<string, number>();
    let made = 0;
    const make = () => ++made;
    expect(cache.getOrSet('x', make)).toBe(1);
    expect(cache.getOrSet('x', make)).toBe(1);
    expect(made).toBe(1);
  });

  it('stays bounded however many different keys people type', () => {
    const cache = new LruCache<number, number>();
    for (let i = 0; i < CACHE_ENTRIES * 3; i++) cache.set(i, i);
    expect(cache.size).toBe(CACHE_ENTRIES);
    expect(cache.has(CACHE_ENTRIES * 3 - 1)).toBe(true);
    expect(cache.has(0)).toBe(false);
  });

  it('keeps work that succeeded and forgets work that failed, so it is tried again', async () => {
    const cache = new LruCache<string, Promise<number>>();
    let calls = 0;
    const failing = () => (++calls, Promise.reject(new Error('token service down')));
    await expect(keptUnlessRejected(cache, 'k', failing)).rejects.toThrow('token service down');
    expect(cache.has('k')).toBe(false);
    expect(await keptUnlessRejected(cache, 'k', () => (++calls, Promise.resolve(7)))).toBe(7);
    expect(await keptUnlessRejected(cache, 'k', () => (++calls, Promise.resolve(8)))).toBe(7);
    expect(calls).toBe(2);
  });
});
