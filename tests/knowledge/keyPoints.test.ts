/**
 * Every curated briefing can be announced: it has three to five key points for
 * the notice card, each a sentence of its own, none pasted from its body.
 */
import { describe, expect, it } from 'vitest';
import { sharedKnowledge } from '../support/bot.js';

describe('briefing key points', () => {
  it('every briefing has three to five, each a sentence, none copied from its text', async () => {
    const kb = await sharedKnowledge();
    const briefings = kb.documents().filter((d) => d.kind === 'briefing');
    expect(briefings.length).toBeGreaterThanOrEqual(4);
    for (const b of briefings) {
      expect(b.keyPoints?.length ?? 0, b.id).toBeGreaterThanOrEqual(3);
      expect(b.keyPoints!.length, b.id).toBeLessThanOrEqual(5);
      for (const point of b.keyPoints!) {
        expect(point, b.id).toMatch(/^[A-Z0-9].*\.$/);
        const body = kb.ask(point, { limit: 1 }).passages[0]?.text ?? '';
        expect(body.includes(point.slice(0, -1)), `${b.id}: "${point}" is a sentence of the text`).toBe(false);
      }
    }
  });
});
