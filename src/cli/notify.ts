/**
 * `npm run -s notify -- <briefing id> [--wait] [--timeout <seconds>]`: announce a
 * briefing to every subscribed conversation.
 *
 * It queues the notices in the bot's own database (the same settings as the
 * bot: DATA_DIR or DATABASE_URL) and returns; the running bot sends them, paced,
 * and carries on after a restart. `--wait` follows the job until it is done.
 * Exit code 0 when queued (or, with --wait, when done without failures), 1 with
 * one line saying why otherwise.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCardTemplates } from '../cards/renderCard.js';
import { readEnvironment } from '../config.js';
import { AnnounceError, announceBriefing } from '../facilitators/announce.js';
import { DEFAULT_INDEX_PATH, loadKnowledgeBase } from '../knowledge/knowledgeBase.js';
import { openCliStorage, processIo, runIfMain, type CliIo } from './cliSupport.js';

/** Not imported from app.ts: that would load the web server (and its warnings) into a command-line tool. */
const CARDS_DIR = fileURLToPath(new URL('../../cards', import.meta.url));

const USAGE = `Usage: npm run -s notify -- <briefing id> [--wait] [--timeout <seconds>]

Queues the briefing's notice for every subscribed conversation; the running bot
sends them. Briefing ids: npm run -s knowledge -- list --kind briefing`;

export async function runNotifyCli(argv: string[], env: Record<string, string | undefined>, io: CliIo = processIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { wait: { type: 'boolean' }, timeout: { type: 'string', default: '600' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const [briefingId, ...extra] = args.positionals;
  if (args.values.help) return io.out(`${USAGE}\n`), 0;
  if (!briefingId || extra.length > 0) return io.err(`${USAGE}\n`), 1;
  const timeoutSeconds = Number(args.values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return io.err(`--timeout must be a number of seconds (got "${args.values.timeout}").\n`), 1;

  const opened = await openCliStorage(env, io);
  if (!opened) return 1;
  const { config, storage } = opened;
  try {
    const knowledge = await loadKnowledgeBase({ dir: config.knowledgeDir, indexPath: DEFAULT_INDEX_PATH });
    const cards = loadCardTemplates(CARDS_DIR);
    const announced = await announceBriefing({ knowledge, cards, storage }, briefingId, 'cli');
    io.out(`Queued ${announced.queued} notice${announced.queued === 1 ? '' : 's'} for "${announced.title}" (${announced.skipped} already had it). Job ${announced.jobId}.\n`);
    if (!args.values.wait) {
      io.out('The running bot sends them, paced to Teams limits. Add --wait to follow the job here.\n');
      return 0;
    }
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      const job = await storage.deliveries.jobStatus(announced.jobId);
      if (!job) return io.err(`The job ${announced.jobId} has disappeared from the database.\n`), 1;
      if (job.done) {
        io.out(`Done: ${job.sent} sent, ${job.skipped} skipped, ${job.failed} failed.\n`);
        return job.failed > 0 ? 1 : 0;
      }
      if (Date.now() > deadline) return io.err(`Still sending after ${timeoutSeconds} s (${job.sent} sent, ${job.queued} waiting): is the bot running on this database?\n`), 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    if (error instanceof AnnounceError) return io.err(`${error.message}\n`), 1;
    io.err(`Could not announce: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

await runIfMain(import.meta.url, () => runNotifyCli(process.argv.slice(2), readEnvironment()));
