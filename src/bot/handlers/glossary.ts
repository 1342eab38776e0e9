/**
 * The glossary card: a term, what it stands for, what it means, and a clear
 * warning when it names something that has been replaced (CCG → ICB).
 */
import type { CardJson } from '../../cards/renderCard.js';
import type { GlossaryTerm } from '../../knowledge/frontMatter.js';
import { termKey } from '../../qna/define.js';
import type { BotServices } from '../routing.js';

export function glossaryCard(services: BotServices, entry: GlossaryTerm): CardJson {
  const shown = new Set([termKey(entry.term), termKey(entry.standsFor)]);
  const also = entry.also.filter((a) => {
    const k = termKey(a);
    if (shown.has(k) || shown.has(k.replace(/s$/, ''))) return false;
    shown.add(k);
    return true;
  });
  // "ICB (since 1 July 2022)" → offer "define ICB" when the glossary has it.
  const successorTerm = entry.supersededBy?.split(/[\s(]/)[0] ?? '';
  const successor = successorTerm ? services.knowledge.define(successorTerm) : undefined;
  return services.cards.render('glossary', {
    term: entry.term,
    standsFor: entry.standsFor,
    definition: entry.definition,
    also: also.slice(0, 4).join(', '),
    superseded: Boolean(entry.supersededBy),
    supersededNote: entry.supersededBy ? `Superseded by ${entry.supersededBy} — check the current guidance.` : '',
    searchCommand: `search ${entry.standsFor}`,
    successorTerm: successor?.term ?? '',
    successorCommand: successor ? `define ${successor.term}` : '',
  });
}
