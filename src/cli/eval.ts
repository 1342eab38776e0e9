/**
 * `npm run eval`: our search against plain lunr on the evaluation set.
 *
 * Two kinds of question set, kept apart:
 *  - the tuning sets (tests/eval/questions.jsonl, holdout.jsonl, dev.jsonl, dev2.jsonl, dev3.jsonl, dev4.jsonl, dev5.jsonl): read by default,
 *    misses listed; changes to the search are chosen by these;
 *  - the blind set (tests/eval/blind.jsonl): written by someone who never saw the search code,
 *    read only with --blind, which prints the tables and never the questions it misses, so
 *    nobody tunes on it. A change that raises the tuning sets and lowers the blind set is a regression.
 *
 * Each file holds one object per line,
 *   {"id","question","mustContain":[...],"offTopic":false}  or  {"id","question","offTopic":true}.
 * A hit at rank k: a passage at rank ≤ k whose title and text contain every
 * mustContain string (case-insensitive). Off-topic questions should be declined.
 *
 * The baseline is lunr with default settings over the same passages
 * (fields title and text, Index#search with the raw question; a QueryParseError
 * counts as a miss). It "declines" only when it returns nothing.
 *
 * Options: --blind (the blind set only, tables only), --file <jsonl> (one file instead of the tuning sets), --misses (list every miss of
 * ours; default shows up to 40), --not-first (misses at hit@1, not only beyond rank 3), --quiet-misses (only the tables, no individual misses), --json,
 * --variants (also score generated "busy typist" variants of the on-topic questions: lower
 * case, stop words dropped, a glossary acronym for its long form, one typo in the longest word),
 * --split tune|holdout (default all).
 *
 * Splits: every question belongs to "tune" or "holdout" by a stable hash of its id
 * (splitOf), about half each, whatever else the file holds. Tune the engine on the
 * tune split's misses only and use the holdout to check that a change generalises
 * to questions it was not tuned on. The figures are also shown per question set:
 * the original questions (ids q…, o…) and the realistic ones written blind the way
 * users type (h…, x…).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lunr from 'lunr';
import { z } from 'zod';
import { LscpKnowledgeBase } from '../knowledge/knowledgeBase.js';
import { loadCorpus } from '../knowledge/loadCorpus.js';
import { buildIndexData, chunkCorpus } from '../knowledge/searchIndex.js';
import { runIfMain } from './cliSupport.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EVAL_DIR = path.join(ROOT, 'tests', 'eval');
const TUNING_FILES = ['questions.jsonl', 'holdout.jsonl', 'dev.jsonl', 'dev2.jsonl', 'dev3.jsonl', 'dev4.jsonl', 'dev5.jsonl'].map((f) => path.join(EVAL_DIR, f));
const BLIND_FILE = path.join(EVAL_DIR, 'blind.jsonl');

const Question = z.object({
  id: z.string(),
  question: z.string(),
  mustContain: z.array(z.string()).default([]),
  offTopic: z.boolean().default(false),
});
type Question = z.infer<typeof Question>;

interface Ranking {
  answered: boolean;
  /** Passages best first: title and text. */
  passages: { id: string; title: string; text: string }[];
}

interface Outcome {
  q: Question;
  ours: Ranking;
  plain: Ranking;
  oursRank: number;
  plainRank: number;
}

interface Metrics {
  hit1: number;
  hit3: number;
  mrr: number;
  offTopicDeclined: number;
  onTopicDeclined: number;
}

/** Curly quotes, dashes and runs of spaces should not decide a hit. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ');
}

export function rankOf(q: Question, r: Ranking, depth = 10): number {
  if (!r.answered) return 0;
  const needles = q.mustContain.map(fold);
  const i = r.passages.slice(0, depth).findIndex((p) => {
    const hay = fold(`${p.title}\n${p.text}`);
    return needles.every((n) => hay.includes(n));
  });
  return i < 0 ? 0 : i + 1;
}

function metrics(outcomes: Outcome[], which: 'ours' | 'plain'): Metrics {
  const on = outcomes.filter((o) => !o.q.offTopic);
  const off = outcomes.filter((o) => o.q.offTopic);
  const rank = (o: Outcome) => (which === 'ours' ? o.oursRank : o.plainRank);
  const share = (n: number, d: number) => (d ? n / d : 0);
  return {
    hit1: share(on.filter((o) => rank(o) === 1).length, on.length),
    hit3: share(on.filter((o) => rank(o) >= 1 && rank(o) <= 3).length, on.length),
    mrr: share(on.reduce((s, o) => s + (rank(o) ? 1 / rank(o) : 0), 0), on.length),
    offTopicDeclined: share(off.filter((o) => !o[which].answered).length, off.length),
    onTopicDeclined: share(on.filter((o) => !o[which].answered).length, on.length),
  };
}

function table(ours: Metrics, plain: Metrics, onCount: number, offCount: number): string {
  const rows: [string, keyof Metrics][] = [
    ['hit@1', 'hit1'],
    ['hit@3', 'hit3'],
    ['MRR', 'mrr'],
    ['off-topic declined', 'offTopicDeclined'],
    ['on-topic wrongly declined', 'onTopicDeclined'],
  ];
  const lines = [
    `Evaluation: ${onCount} on-topic and ${offCount} off-topic questions`,
    '',
    '| metric                    | ours  | plain lunr | difference |',
    '|---------------------------|-------|------------|------------|',
  ];
  for (const [label, key] of rows) {
    const d = ours[key] - plain[key];
    lines.push(`| ${label.padEnd(25)} | ${ours[key].toFixed(3)} | ${plain[key].toFixed(3).padEnd(10)} | ${(d >= 0 ? '+' : '') + d.toFixed(3)}     |`);
  }
  return lines.join('\n');
}

/** Deterministic small hash, so every run makes the same variants. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type Split = 'tune' | 'holdout';

/**
 * The split a question belongs to: a function of its id alone (FNV-1a, lowest bit),
 * so adding or editing other questions never moves it. Roughly half each way.
 */
export function splitOf(id: string): Split {
  return hash(id) % 2 === 0 ? 'tune' : 'holdout';
}

/** Question sets by id prefix: the original questions (q…, o…) and the realistic ones (h…, x…). */
export function questionSet(id: string): 'original' | 'realistic' | 'other' {
  if (/^[qo]/i.test(id)) return 'original';
  if (/^[hx]/i.test(id)) return 'realistic';
  return 'other';
}

const STOP = new Set(
  'a an and are as at be by can could did do does for from had has have how i if in into is it its me my of on or our should so that the their them then there these they this to was we were what when where which who whom why will with would you your'.split(' '),
);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A question as a busy reader might type it: lower case, no punctuation or stop
 * words, a long form replaced by its acronym, and one slip in the longest word.
 */
export function busyVariant(q: Question, acronyms: { long: string; short: string }[]): Question {
  let text = q.question.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ');
  for (const a of acronyms) {
    const re = new RegExp(`\\b${escapeRegExp(a.long)}\\b`);
    if (re.test(text)) {
      text = text.replace(re, a.short);
      break;
    }
  }
  const words = text.split(/\s+/).filter((w) => w && !STOP.has(w));
  const h = hash(q.id);
  const longest = words.reduce((best, w, i) => (/^[a-z]{7,}$/.test(w) && w.length > (words[best]?.length ?? 0) ? i : best), -1);
  if (longest >= 0) {
    const w = words[longest]!;
    const at = 2 + (h % (w.length - 4));
    const kind = h % 3;
    words[longest] =
      kind === 0 ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : kind === 1 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at] + w.slice(at);
  }
  return { ...q, id: `${q.id}v`, question: words.join(' ') };
}

async function readQuestions(file: string): Promise<Question[]> {
  const text = await readFile(file, 'utf8');
  const out: Question[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(Question.parse(JSON.parse(line)));
    } catch (err) {
      process.stderr.write(`${path.relative(process.cwd(), file)}:${i + 1}: skipped: ${(err as Error).message.split('\n')[0]}\n`);
    }
  });
  return out;
}

/** One row per group: ours and plain lunr side by side for every metric. */
function breakdown(title: string, groups: [string, Outcome[]][]): string {
  const f = (n: number) => n.toFixed(3);
  const lines = [
    title,
    '',
    '| questions            | on  | off | hit@1 ours / lunr | hit@3 ours / lunr | MRR ours / lunr | off declined ours / lunr | on declined ours / lunr |',
    '|----------------------|-----|-----|-------------------|-------------------|-----------------|--------------------------|-------------------------|',
  ];
  for (const [label, outcomes] of groups) {
    if (!outcomes.length) continue;
    const o = metrics(outcomes, 'ours');
    const p = metrics(outcomes, 'plain');
    const on = outcomes.filter((x) => !x.q.offTopic).length;
    const pair = (k: keyof Metrics, width: number) => `${f(o[k])} / ${f(p[k])}`.padEnd(width);
    lines.push(
      `| ${label.padEnd(20)} | ${String(on).padEnd(3)} | ${String(outcomes.length - on).padEnd(3)} | ${pair('hit1', 17)} | ${pair('hit3', 17)} | ${pair('mrr', 15)} | ${pair('offTopicDeclined', 24)} | ${pair('onTopicDeclined', 23)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  // Piping into `head` closes stdout early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  const argv = process.argv.slice(2);
  const fileArg = argv.indexOf('--file');
  const blind = argv.includes('--blind');
  const files = blind ? [BLIND_FILE] : fileArg >= 0 && argv[fileArg + 1] ? [path.resolve(argv[fileArg + 1]!)] : TUNING_FILES;
  const showAll = argv.includes('--misses') && !blind;
  // The blind set is run by someone who must not learn its questions: tables only.
  const quiet = blind || argv.includes('--quiet-misses');
  const asJson = argv.includes('--json');
  const splitArg = argv.indexOf('--split');
  const split = splitArg >= 0 ? argv[splitArg + 1] : 'all';
  if (split !== 'all' && split !== 'tune' && split !== 'holdout') {
    process.stderr.write('--split takes tune, holdout or all\n');
    return 2;
  }

  let questions: Question[] = [];
  for (const file of files) {
    try {
      questions.push(...(await readQuestions(file)));
    } catch {
      // A tuning set may be absent; the blind set or a named file must be there.
      if (blind || files.length === 1) {
        process.stderr.write(`No evaluation set at ${path.relative(process.cwd(), file)} (one JSON question per line).\n`);
        return 1;
      }
    }
  }
  if (split !== 'all') questions = questions.filter((q) => splitOf(q.id) === split);

  // The baseline indexes exactly the passages we index (same ids, titles and text).
  const corpus = await loadCorpus(path.join(ROOT, 'knowledge'));
  // Built afresh: a serialised index is reused until the knowledge files or ENGINE_VERSION change, so
  // while the search code is being changed it would measure the code that built it.
  const kb = new LscpKnowledgeBase(buildIndexData(corpus));
  const chunks = chunkCorpus(corpus);
  const plainIndex = lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('text');
    for (const c of chunks) this.add({ id: c.id, title: c.title, text: c.text });
  });
  const byId = new Map(chunks.map((c) => [c.id, c]));

  const evaluate = (qs: Question[]): Outcome[] => qs.map((q) => {
    const a = kb.ask(q.question, { limit: 10 });
    const ours: Ranking = { answered: a.answered, passages: a.passages.map((p) => ({ id: p.id, title: p.title, text: p.text })) };
    let results: lunr.Index.Result[] = [];
    try {
      results = plainIndex.search(q.question);
    } catch {
      results = []; // QueryParseError on ":", "~", "^", "*", "+", "-": a miss
    }
    const plain: Ranking = {
      answered: results.length > 0,
      passages: results.slice(0, 10).flatMap((r) => {
        const c = byId.get(r.ref);
        return c ? [{ id: c.id, title: c.title, text: c.text }] : [];
      }),
    };
    const o: Outcome = { q, ours, plain, oursRank: 0, plainRank: 0 };
    if (!q.offTopic) {
      o.oursRank = rankOf(q, ours);
      o.plainRank = rankOf(q, plain);
    }
    return o;
  });
  const outcomes = evaluate(questions);

  const on = outcomes.filter((o) => !o.q.offTopic);
  const off = outcomes.filter((o) => o.q.offTopic);
  const m = { ours: metrics(outcomes, 'ours'), plain: metrics(outcomes, 'plain') };
  const bySet = (set: ReturnType<typeof questionSet>) => outcomes.filter((o) => questionSet(o.q.id) === set);
  const bySplit = (s: Split) => outcomes.filter((o) => splitOf(o.q.id) === s);
  if (asJson) {
    const of = (os: Outcome[]) => ({ questions: os.length, ours: metrics(os, 'ours'), plain: metrics(os, 'plain') });
    process.stdout.write(
      `${JSON.stringify({
        split,
        questions: { onTopic: on.length, offTopic: off.length },
        ...m,
        sets: { original: of(bySet('original')), realistic: of(bySet('realistic')) },
        ...(split === 'all' ? { splits: { tune: of(bySplit('tune')), holdout: of(bySplit('holdout')) } } : {}),
      })}\n`,
    );
    return 0;
  }
  process.stdout.write(`${blind ? 'Blind set (never used to choose a change)' : `Tuning sets: ${files.map((f) => path.basename(f)).join(', ')}`}\n`);
  process.stdout.write(`Split: ${split}${split === 'all' ? '' : ' (tune on "tune" only; "holdout" checks generalisation)'}\n`);
  process.stdout.write(`${table(m.ours, m.plain, on.length, off.length)}\n\n`);
  const groups: [string, Outcome[]][] = [
    ['original (q, o)', bySet('original')],
    ['realistic (h, x)', bySet('realistic')],
  ];
  if (bySet('other').length) groups.push(['other ids', bySet('other')]);
  if (split === 'all') groups.push(['split tune', bySplit('tune')], ['split holdout', bySplit('holdout')]);
  process.stdout.write(`${breakdown('By question set' + (split === 'all' ? ' and split' : '') + ' (ours / plain lunr)', groups)}\n`);
  if (argv.includes('--variants')) {
    // Long forms and their acronyms from the glossary, longest first ("lead safeguarding partners" → "lsp").
    const variants = evaluate(on.map((o) => busyVariant(o.q, kb.glossaryPairs())));
    const vm = { ours: metrics(variants, 'ours'), plain: metrics(variants, 'plain') };
    process.stdout.write(`\nBusy-typist variants of the ${variants.length} on-topic questions (generated: lower case, no stop words, acronyms, one typo)\n\n`);
    process.stdout.write(`${table(vm.ours, vm.plain, variants.length, 0).split('\n').slice(2).filter((l) => !/off-topic/.test(l)).join('\n')}\n`);
    if (showAll && !quiet) {
      for (const o of variants.filter((v) => v.oursRank === 0 || v.oursRank > 3)) {
        process.stdout.write(`  ${o.q.id} ${o.oursRank ? `rank ${o.oursRank}` : 'miss'}: "${o.q.question}"\n`);
      }
    }
  }

  if (quiet) return 0;
  // --not-first also lists the questions whose passage is at rank 2 or 3 (the hit@1 misses).
  const worst = argv.includes('--not-first') ? 1 : 3;
  const misses = on.filter((o) => o.oursRank === 0 || o.oursRank > worst);
  const wrongAnswers = off.filter((o) => o.ours.answered);
  if (misses.length || wrongAnswers.length) process.stdout.write('\nOurs, to improve:\n');
  for (const o of misses.slice(0, showAll ? undefined : 40)) {
    const got = o.ours.answered ? o.ours.passages.slice(0, 3).map((p) => p.id).join(', ') : 'declined';
    process.stdout.write(`  ${o.q.id} ${o.oursRank ? `rank ${o.oursRank}` : 'miss'}: "${o.q.question}" needs ${JSON.stringify(o.q.mustContain)}; top: ${got}\n`);
  }
  if (!showAll && misses.length > 40) process.stdout.write(`  … ${misses.length - 40} more (--misses)\n`);
  for (const o of wrongAnswers) {
    process.stdout.write(`  ${o.q.id} off-topic answered: "${o.q.question}"; top: ${o.ours.passages[0]?.id ?? '-'}\n`);
  }
  return 0;
}

await runIfMain(import.meta.url, () =>
  main().catch((err) => {
    process.stderr.write(`eval failed: ${(err as Error).stack ?? err}\n`);
    return 1;
  }),
);
