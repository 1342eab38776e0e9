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
import { readEnvironment } from '../config.js';
import { feedbackCsv } from '../qna/csv.js';
import { openCliStorage, processIo, runIfMain, type CliIo } from './cliSupport.js';

export const USAGE = `Usage: npm run -s feedback -- export

Prints every "Was this helpful?" vote as CSV (created_at, vote, question, passage_ids, conversation_type).
Save it with:  npm run -s feedback -- export > feedback.csv

It reads the bot's own settings: DATA_DIR (the SQLite file, default ./data) or DATABASE_URL (PostgreSQL).`;

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
  const opened = await openCliStorage(env, io);
  if (!opened) return 1;
  const { storage } = opened;
  try {
    io.out(feedbackCsv(await storage.feedback.list()));
    return 0;
  } finally {
    await storage.close();
  }
}

await runIfMain(import.meta.url, () => runFeedbackCli(process.argv.slice(2), readEnvironment(), processIo));
