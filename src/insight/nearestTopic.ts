/**
 * The topic a declined question came nearest to, worked out while its words
 * are still in memory and then forgotten: the close topics the decline card
 * offers (searched again, as a person pressing them would), else the nearest
 * checklist section, else none.
 *
 * Only suggestions that share a word with the question count: the standard
 * ones every decline offers say nothing about what was asked.
 */
import type { Answer, KnowledgeBase } from '../knowledge/types.js';
import { topicOfPassage } from './themes.js';

export type NearestSearch = Pick<KnowledgeBase, 'ask'>;

export function nearestTopic(knowledge: NearestSearch, question: string, declined: Pick<Answer, 'suggestions' | 'relatedChecklistItems'>): string | undefined {
  const { suggestions } = declined;
  const asked = words(question);
  for (const label of suggestions) {
    if (![...words(label)].some((w) => asked.has(w))) continue;
    const top = knowledge.ask(label, { limit: 1 });
    if (top.answered && top.passages[0]) return topicOfPassage(top.passages[0]);
  }
  const item = declined.relatedChecklistItems[0];
  return item ? `checklist:${item.sectionId}` : undefined;
}

/** Words of four letters or more, lower case, with a plural's "s" dropped. */
function words(text: string): Set<string> {
  const found = text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  return new Set(found.map((w) => w.replace(/s$/, '')));
}
