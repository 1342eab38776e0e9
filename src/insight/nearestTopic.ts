/**
 * The topic a declined question came nearest to, worked out while its words
 * are still in memory and then forgotten: the topic of a close passage the
 * decline card offers, else the nearest checklist section, else none. Both
 * come from the question's one search; nothing is searched again.
 *
 * Only suggestions that share a word with the question count: the standard
 * ones every decline offers say nothing about what was asked.
 */
import type { Answer } from '../knowledge/types.js';
import { topicOfPassage } from './themes.js';

export function nearestTopic(question: string, declined: Pick<Answer, 'nearby' | 'relatedChecklistItems'>): string | undefined {
  const asked = words(question);
  const near = (declined.nearby ?? []).find(({ label }) => [...words(label)].some((w) => asked.has(w)));
  if (near) return topicOfPassage(near.passage);
  const item = declined.relatedChecklistItems[0];
  return item ? `checklist:${item.sectionId}` : undefined;
}

/** Words of four letters or more, lower case, with a plural's "s" dropped. */
function words(text: string): Set<string> {
  const found = text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  return new Set(found.map((w) => w.replace(/s$/, '')));
}
