import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { loadCardTemplates } from '../../src/cards/renderCard.js';
import { cardProblems } from '../support/validateCard.js';
import { samples } from './samples.js';

const dir = join(PROJECT_ROOT, 'cards');
const renderer = loadCardTemplates(dir);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('card templates', () => {
  it('are all loaded', () => {
    expect(renderer.names()).toEqual([...names].sort());
  });

  it.each(names)('%s has sample data to validate with', (name) => {
    expect(samples[name], `add sample data for cards/${name}.json to tests/cards/samples.ts`).toBeDefined();
  });

  const cases = names.flatMap((name) => (samples[name] ?? []).map((data, i) => [name, i, data] as const));
  it.each(cases)('%s (sample %i) expands to a card the Adaptive Cards SDK parses without warnings', (name, _i, data) => {
    const card = renderer.render(name, data);
    expect(card.type).toBe('AdaptiveCard');
    expect(JSON.stringify(card)).not.toMatch(/\$\{/);
    expect(cardProblems(card)).toEqual([]);
  });

  it('the SDK check catches a broken card (so the test above can fail)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Bogus' }] }).length).toBeGreaterThanOrEqual(2);
  });
});
