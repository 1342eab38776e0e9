/**
 * `npm run -s knowledge -- publish <file> --title … --date YYYY-MM-DD --publisher … --point … --point … --point …`
 *
 * The command-line way to publish a briefing: the same extraction, checks and
 * store as the draft card in Teams, without the card. It writes to the database
 * the configuration names (DATA_DIR or DATABASE_URL); a running bot picks the
 * briefing up within PUBLICATION_POLL_MS. Exit code 0 on success, 1 with one
 * line saying why otherwise (2 for a usage mistake).
 *
 * Options: --topic <topic> (default: scrutiny), --replaces <briefing id>, --notify
 * (subscribers get the notice once a running bot has the briefing in its index).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { LscpKnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { buildCombinedIndex } from '../publishing/buildIndex.js';
import { readDraft } from '../publishing/draft.js';
import { displayName, PublishError } from '../publishing/errors.js';
import { fileTypeOf } from '../publishing/fileTypes.js';
import { tooBig } from '../publishing/download.js';
import { buildInputFor } from '../publishing/liveKnowledge.js';
import { CLI_PUBLISHER_PREFIX } from '../publishing/notices.js';
import { parseDetails, publishBriefing } from '../publishing/publish.js';
import type { Config } from '../config.js';
import type { Storage } from '../storage/index.js';
import { openCliStorage, type CliIo } from './cliSupport.js';

export const PUBLISH_USAGE =
  'usage: npm run -s knowledge -- publish <file.pdf|file.docx|file.md> --title "…" --date YYYY-MM-DD --publisher "…" --point "…" --point "…" --point "…" [--topic scrutiny] [--replaces <briefing id>] [--notify]';

interface PublishArgs {
  file?: string;
  title?: string;
  date?: string;
  publisher?: string;
  topic: string;
  replaces?: string;
  points: string[];
  notify: boolean;
}

function parsePublishArgs(argv: readonly string[]): PublishArgs | string {
  const args: PublishArgs = { topic: 'scrutiny', points: [], notify: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--title') args.title = value();
      else if (a === '--date') args.date = value();
      else if (a === '--publisher') args.publisher = value();
      else if (a === '--topic') args.topic = value();
      else if (a === '--replaces') args.replaces = value();
      else if (a === '--point') args.points.push(value());
      else if (a === '--notify') args.notify = true;
      else if (a === '--') continue;
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else if (!args.file) args.file = a;
      else return `unexpected argument "${a}"`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!args.file) return 'name the file to publish';
  return args;
}

/** The knowledge base the bot would serve: the curated files plus what is published in this database. */
export async function servedKnowledge(config: Pick<Config, 'knowledgeDir'>, storage: Pick<Storage, 'publications'>, knowledgeDir = config.knowledgeDir): Promise<KnowledgeBase> {
  const built = await buildCombinedIndex(buildInputFor(knowledgeDir, await storage.publications.list()));
  return new LscpKnowledgeBase(built.data);
}

/** Is there a database to read? (A SQLite file that does not exist yet has no publications; do not create one.) */
export function databaseExists(config: Pick<Config, 'databaseUrl' | 'dataDir'>): boolean {
  return Boolean(config.databaseUrl) || existsSync(join(config.dataDir, 'lscp-assistant.sqlite'));
}

export async function runPublishCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parsePublishArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${PUBLISH_USAGE}\n`);
    return 2;
  }
  const file = args.file!;
  const opened = await openCliStorage(env, io);
  if (!opened) return 1;
  const { config, storage } = opened;
  try {
    const type = fileTypeOf(file);
    const size = await stat(file).then((s) => s.size, () => -1);
    if (size < 0) throw new PublishError('download_failed', `Cannot read ${displayName(file)}: no such file.`);
    if (size > config.publishing.maxUploadBytes) throw tooBig(file, config.publishing.maxUploadBytes, size);
    const draft = await readDraft(new Uint8Array(await readFile(file)), file, type);
    // The details first: a mistake there is reported before the index is built.
    const details = parseDetails({
      title: args.title ?? draft.title,
      date: args.date ?? draft.date,
      publisher: args.publisher ?? draft.publisher,
      topic: args.topic,
      keyPoints: args.points,
      ...(args.replaces ? { supersedes: args.replaces } : {}),
    });
    const knowledge = await servedKnowledge(config, storage);
    const published = await publishBriefing(
      { store: storage.publications, knowledge },
      {
        draft,
        details,
        by: { id: `${CLI_PUBLISHER_PREFIX}${safeUser()}`, name: safeUser() },
        notify: args.notify,
      },
    );
    io.out(`published ${published.id}: ${published.title} (${published.passages} passages)${args.notify ? '; subscribers get the notice once the bot has it' : ''}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PublishError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username || 'command line';
  } catch {
    return 'command line';
  }
}
