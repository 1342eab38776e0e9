/**
 * Small-number suppression, as official statistics do it: a figure that rests
 * on fewer than `min` partnerships is not shown at all, only "fewer than 5
 * partnerships", so nobody can work back from a count to one partnership.
 *
 * Every national and themes figure passes through `shown`, so the raw count of
 * a suppressed group never leaves the module that computed it.
 */

/** What the bot shows in place of a suppressed figure. */
export function fewerThan(min: number): string {
  return `fewer than ${min} partnerships`;
}

/** The figure when `partnerships` is large enough, otherwise null. */
export function shown<T>(partnerships: number, min: number, figure: () => T): T | null {
  return partnerships >= min ? figure() : null;
}
