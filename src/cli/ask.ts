/**
 * `npm run -s ask -- "question"`: ask the knowledge base from the command line.
 *
 *   ask "question"            readable answer with its sources
 *   ask --json "question"     one JSON object (the shape other tools rely on)
 *   ask --jsonl               one question per line on stdin, one JSON object per line out
 *   --limit N, --offset N     how many passages, and how many to skip
 *   --verbose                 say on stderr how the index was loaded
 *
 * Works from a fresh clone: if dist/knowledge-index.json is missing or stale, the
 * index is built in memory first.
 */
import { createInterface } from 'node:readline';
import { loadKnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Answer, Passage } from '../knowledge/types.js';

interface Options {
  json: boolean;
  jsonl: boolean;
  verbose: boolean;
  limit?: number;
  offset?: number;
  question: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { json: false, jsonl: false, verbose: false, question: '' };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') opts.json = true;
    else if (a === '--jsonl') opts.jsonl = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--limit' || a === '--offset') {
      const n = Number(argv[++i]);
      if (Number.isFinite(n)) opts[a === '--limit' ? 'limit' : 'offset'] = n;
    } else if (a === '--') continue;
    else words.push(a);
  }
  opts.question = words.join(' ').trim();
  return opts;
}

/** The JSON shape of `ask --json`: stable, because evaluation scripts and other tools read it. */
export function toJson(answer: Answer) {
  return {
    answered: answer.answered,
    answer: answer.answer,
    passages: answer.passages.map((p) => ({
      id: p.id,
      title: p.title,
      text: p.text,
      source: { title: p.source.title, publisher: p.source.publisher, date: p.source.date, url: p.source.url ?? null },
      superseded: p.superseded,
      ...(p.supersededBy ? { supersededBy: p.supersededBy } : {}),
      score: p.score,
    })),
    suggestions: answer.suggestions,
  };
}

function supersededNote(p: Passage): string {
  if (!p.superseded) return '';
  const by = p.supersededBy as (Passage['supersededBy'] & { dateLabel?: string }) | undefined;
  if (!by) return 'Superseded.';
  const when = by.dateLabel ? ` (${by.dateLabel})` : '';
  return `Superseded by ${by.title}${when}.${by.note ? ` ${by.note}` : ''}`;
}

export function formatReadable(question: string, answer: Answer): string {
  const lines: string[] = [];
  if (!answer.answered) {
    lines.push(answer.answer);
    if (answer.suggestions.length) lines.push(`You could try: ${answer.suggestions.map((s) => `"${s}"`).join(', ')}`);
    return lines.join('\n');
  }
  lines.push(answer.answer || '(no passage on this page)');
  if (answer.passages.length) {
    lines.push('', 'Sources:');
    answer.passages.forEach((p, i) => {
      lines.push(`${i + 1}. ${p.title}`);
      const s = p.source;
      lines.push(`   ${s.publisher}, ${s.dateLabel}. ${s.document}${s.url ? ` <${s.url}>` : ''}`);
      const note = supersededNote(p);
      if (note) lines.push(`   ⚠ ${note}`);
    });
  }
  void question;
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = opts.verbose ? (m: string) => process.stderr.write(`${m}\n`) : undefined;
  if (!opts.jsonl && !opts.question) {
    process.stdout.write('Ask a question about local safeguarding children arrangements, for example:\n  npm run -s ask -- "who are the lead safeguarding partners"\n');
    return;
  }
  const t0 = performance.now();
  const kb = await loadKnowledgeBase({ log });
  log?.(`knowledge base ready in ${(performance.now() - t0).toFixed(0)} ms (${kb.origin}; ${kb.stats.documents} documents, ${kb.stats.chunks} passages)`);
  const askOptions = { ...(opts.limit !== undefined ? { limit: opts.limit } : {}), ...(opts.offset !== undefined ? { offset: opts.offset } : {}) };

  if (opts.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const q = line.trim();
      process.stdout.write(`${JSON.stringify(toJson(kb.ask(q, askOptions)))}\n`);
    }
    return;
  }
  const answer = kb.ask(opts.question, askOptions);
  process.stdout.write(opts.json ? `${JSON.stringify(toJson(answer))}\n` : `${formatReadable(opts.question, answer)}\n`);
}

// Piping into `head` closes stdout early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main().catch((err) => {
  process.stderr.write(`ask failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
