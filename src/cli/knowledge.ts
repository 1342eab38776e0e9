/**
 * `npm run knowledge -- <command>`: look after the knowledge files and their index.
 *
 *   check          validate every knowledge file; one `file:line: message` per problem; exit 1 on errors
 *   build [--out]  write the serialised index (default dist/knowledge-index.json)
 *   export         every indexed passage as JSON lines: {"id","title","text"}
 *   stats          documents, passages and topics in the index
 *   list [--kind k] document ids, one per line (e.g. --kind briefing: the ids `npm run notify` takes)
 *   define <term>  look a term up in the glossary
 *   publish <file> --title … --date … --publisher … --point … (×3–5)   publish a briefing to the database (see publishCommand.ts)
 *
 * `list` includes the briefings published in the configured database (DATA_DIR or DATABASE_URL).
 * `--dir <path>` reads another knowledge directory (tests use fixtures this way).
 */
import path from 'node:path';
import { KINDS } from '../knowledge/frontMatter.js';
import { loadCorpus, type Corpus } from '../knowledge/loadCorpus.js';
import { formatProblem, type Problem } from '../knowledge/problems.js';
import { buildIndexData, type IndexData } from '../knowledge/searchIndex.js';
import {
  DEFAULT_INDEX_PATH,
  DEFAULT_KNOWLEDGE_DIR,
  LscpKnowledgeBase,
  knowledgeBaseFromCorpus,
  writeIndexFile,
} from '../knowledge/knowledgeBase.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { parseConfig, readEnvironment, type Config } from '../config.js';
import { openCliStorage, processIo } from './cliSupport.js';
import { databaseExists, PUBLISH_USAGE, runPublishCli, servedKnowledge } from './publishCommand.js';

interface Args {
  command: string;
  rest: string[];
  dir: string;
  out: string;
  kind?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: '', rest: [], dir: DEFAULT_KNOWLEDGE_DIR, out: DEFAULT_INDEX_PATH };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dir') args.dir = path.resolve(argv[++i] ?? args.dir);
    else if (a === '--out') args.out = path.resolve(argv[++i] ?? args.out);
    else if (a === '--kind') args.kind = argv[++i] ?? '';
    else if (a === '--') continue;
    else if (!args.command) args.command = a;
    else args.rest.push(a);
  }
  return args;
}

const USAGE = `usage: npm run knowledge -- <check|build|export|stats|list [--kind <kind>]|define <term>|publish <file> …> [--dir knowledge] [--out dist/knowledge-index.json]\n${PUBLISH_USAGE}`;

/** Problems only the built index reveals: a document that yields no passages, a missing checklist. */
function indexProblems(corpus: Corpus, data: IndexData): Problem[] {
  const problems: Problem[] = [];
  const withChunks = new Set(data.chunks.map((c) => c.docId));
  for (const d of corpus.documents) {
    if (!withChunks.has(d.frontMatter.id)) {
      problems.push({ file: d.file, line: d.bodyStartLine, message: 'no searchable text: add at least one paragraph under a heading', severity: 'error' });
    }
  }
  if (!corpus.checklist && !corpus.problems.some((p) => p.file.endsWith('cis.yaml'))) {
    problems.push({ file: path.relative(process.cwd(), path.join(corpus.dir, 'checklist/cis.yaml')) || 'knowledge/checklist/cis.yaml', line: 1, message: 'checklist not found: the CIS items will not be searchable', severity: 'warning' });
  }
  return problems;
}

function summary(corpus: Corpus, data: IndexData, problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const items = corpus.checklist ? corpus.checklist.definition.sections.reduce((n, s) => n + s.items.length, 0) : 0;
  return `${corpus.documents.length} documents, ${items} checklist items, ${data.chunks.length} passages; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

async function main() {
  const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  if (argv[0] === 'publish') {
    process.exitCode = await runPublishCli(argv.slice(1), readEnvironment(), processIo);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  switch (args.command) {
    case 'check': {
      const corpus = await loadCorpus(args.dir);
      const data = buildIndexData(corpus);
      const problems = [...corpus.problems, ...indexProblems(corpus, data)].sort(
        (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
      );
      for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
      process.stdout.write(`${summary(corpus, data, problems)}\n`);
      if (problems.some((p) => p.severity === 'error')) process.exitCode = 1;
      return;
    }
    case 'build': {
      const t0 = performance.now();
      const corpus = await loadCorpus(args.dir);
      const data = buildIndexData(corpus);
      await writeIndexFile(args.out, data);
      const problems = [...corpus.problems, ...indexProblems(corpus, data)];
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stdout.write(
        `wrote ${path.relative(process.cwd(), args.out) || args.out}: ${summary(corpus, data, problems)} (${(performance.now() - t0).toFixed(0)} ms)\n`,
      );
      return;
    }
    case 'export': {
      const kb = await open(args);
      for (const c of kb.chunks()) process.stdout.write(`${JSON.stringify({ id: c.id, title: c.title, text: c.text })}\n`);
      return;
    }
    case 'stats': {
      const kb = await open(args);
      const s = kb.stats;
      process.stdout.write(`documents: ${s.documents}\npassages: ${s.chunks}\nbuilt: ${s.builtAt} (${kb.origin})\ncontent hash: ${s.contentHash.slice(0, 12)}\n`);
      for (const t of kb.topics()) process.stdout.write(`  ${t.label}: ${t.documentCount}\n`);
      const superseded = kb.documents().filter((d) => d.superseded).length;
      process.stdout.write(`superseded documents: ${superseded}\nglossary terms: ${kb.data.glossary.length}\n`);
      return;
    }
    case 'list': {
      if (args.kind !== undefined && !(KINDS as readonly string[]).includes(args.kind)) {
        process.stderr.write(`--kind must be one of ${KINDS.join(', ')} (got "${args.kind}")\n`);
        process.exitCode = 2;
        return;
      }
      const kb = await withPublications(args);
      for (const d of kb.documents().filter((doc) => !args.kind || doc.kind === args.kind)) process.stdout.write(`${d.id}\n`);
      return;
    }
    case 'define': {
      const kb = await open(args);
      const term = kb.define(args.rest.join(' '));
      if (!term) {
        process.stdout.write(`No glossary entry for "${args.rest.join(' ')}".\n`);
        return;
      }
      process.stdout.write(`${term.term}: ${term.standsFor}\n${term.definition}\n`);
      if (term.supersededBy) process.stdout.write(`Superseded by ${term.supersededBy}.\n`);
      return;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = args.command ? 2 : 0;
  }
}

async function open(args: Args): Promise<LscpKnowledgeBase> {
  const corpus = await loadCorpus(args.dir);
  // Only the default directory shares the default index file; fixtures never overwrite it.
  const same = path.resolve(args.dir) === path.resolve(DEFAULT_KNOWLEDGE_DIR);
  return knowledgeBaseFromCorpus(corpus, { indexPath: args.out, writeIndex: same || args.out !== DEFAULT_INDEX_PATH });
}

/** The curated files plus the briefings published in the configured database, when there is one with any. */
async function withPublications(args: Args): Promise<KnowledgeBase> {
  const env = readEnvironment();
  const curated = () => open(args);
  const opened = await openCliStorageIfPresent(env);
  if (!opened) return curated();
  try {
    const any = (await opened.storage.publications.list()).some((p) => p.status === 'published');
    return any ? await servedKnowledge(opened.config, opened.storage, args.dir) : await curated();
  } finally {
    await opened.storage.close();
  }
}

async function openCliStorageIfPresent(env: Record<string, string | undefined>) {
  const quiet = { out: () => undefined, err: (t: string) => void process.stderr.write(t) };
  let config: Config;
  try {
    config = parseConfig(env);
  } catch {
    return undefined;
  }
  if (!databaseExists(config)) return undefined;
  return openCliStorage(env, quiet);
}

// Piping into `head` closes stdout early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main().catch((err) => {
  process.stderr.write(`knowledge failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
