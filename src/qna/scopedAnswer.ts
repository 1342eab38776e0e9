/**
 * A question about one document ("Ask about this briefing" on a notice): the
 * same search as any question, kept to that document's passages; when the
 * document has nothing on it, the wider answer, marked as such.
 *
 * Pure: a knowledge base and a question in, an Answer out.
 */
import type { Answer, KnowledgeBase } from '../knowledge/types.js';
import { PAGE_SIZE } from './answerCard.js';

/** How far down the whole ranking a passage of the document may be and still count (the search returns at most 20). */
const SCOPE_DEPTH = 20;

export function askAboutDocument(knowledge: Pick<KnowledgeBase, 'ask'>, docId: string, question: string): { answer: Answer; inDocument: boolean } {
  const wide = knowledge.ask(question, { limit: SCOPE_DEPTH });
  const inside = wide.passages.filter((p) => p.docId === docId);
  if (inside.length === 0) return { answer: { ...wide, passages: wide.passages.slice(0, PAGE_SIZE + 1) }, inDocument: false };
  // The extracted answer came from the best passage overall; it stands only if that passage is the document's own.
  const ownLead = wide.passages[0]?.docId === docId;
  return {
    answer: { ...wide, answered: true, passages: inside.slice(0, PAGE_SIZE + 1), answer: ownLead ? wide.answer : '', sentences: ownLead ? wide.sentences : [] },
    inDocument: true,
  };
}
