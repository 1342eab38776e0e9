/**
 * `npm run -s feedback -- export`: the "Was this helpful?" votes as CSV, for
 * facilitators improving the knowledge base.
 *
 * Reads the same settings as the bot (DATA_DIR for the SQLite file, or
 * DATABASE_URL for PostgreSQL, from the environment or .env), so it exports
 * exactly what the running bot recorded. Questions appear only where they passed
 * the privacy guard; the others are empty.
 *
 *   npm run -s feedback -- export > feedback.csv
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, parseConfig, readEnvironment } from '../config.js';
import { feedbackCsv } from '../qna/csv.js';
import { openStorage, StorageError } from '../storage/index.js';

export const USAGE = `Usage: npm run -s feedback -- export

Prints every "Was this helpful?" vote as CSV (created_at, vote, question, passage_ids, conversation_type).
Save it with:  npm run -s feedback -- export > feedback.csv

It reads the bot's own settings: DATA_DIR (the SQLite file, default ./data) or DATABASE_URL (PostgreSQL).`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the command; returns the exit code. */
export async function runFeedbackCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'export' || rest.length > 0) {
    io.err(`${command ? `I don't know "${args.join(' ')}".` : 'Say what to do.'}\n\n${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split('\n')) io.err(`Configuration error: ${line}\n`);
    return 1;
  }
  let storage;
  try {
    storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (error) {
    io.err(`Could not open the feedback store: ${error instanceof StorageError ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    io.out(feedbackCsv(await storage.feedback.list()));
    return 0;
  } finally {
    await storage.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await runFeedbackCli(process.argv.slice(2), readEnvironment(), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
