/**
 * The tuning question sets (never the blind set) and the figures the search is judged by on them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rankOf } from '../../src/cli/eval.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { ROOT } from './helpers.js';

export interface Question {
  id: string;
  question: string;
  mustContain: string[];
  offTopic: boolean;
}

export const tuningQuestions: Question[] = ['questions.jsonl', 'holdout.jsonl', 'dev.jsonl', 'dev2.jsonl', 'dev3.jsonl', 'dev4.jsonl', 'dev5.jsonl'].flatMap((f) =>
  readFileSync(path.join(ROOT, 'tests', 'eval', f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ mustContain: [], offTopic: false, ...(JSON.parse(l) as Partial<Question>) }) as Question),
);

export interface Figures {
  hit1: number;
  hit3: number;
  /** Share of answerable questions declined. */
  declined: number;
  offDeclined: number;
  /** Ranks of the answerable questions (0: missed or declined), for comparing two searches question by question. */
  ranks: number[];
}

export function figures(kb: KnowledgeBase): Figures {
  const on = tuningQuestions.filter((q) => !q.offTopic);
  const off = tuningQuestions.filter((q) => q.offTopic);
  const answers = on.map((q) => kb.ask(q.question, { limit: 10 }));
  const ranks = on.map((q, i) => rankOf(q, { answered: answers[i]!.answered, passages: answers[i]!.passages }));
  return {
    hit1: ranks.filter((r) => r === 1).length / on.length,
    hit3: ranks.filter((r) => r >= 1 && r <= 3).length / on.length,
    declined: answers.filter((a) => !a.answered).length / on.length,
    offDeclined: off.filter((q) => !kb.ask(q.question).answered).length / off.length,
    ranks,
  };
}
