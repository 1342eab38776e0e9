/**
 * What the command-line tools share: output streams, and the bot's own
 * configuration and storage, so a tool reads exactly what the running bot wrote.
 *
 * Problems are reported as one plain line each and turned into an exit code;
 * a facilitator running a report should never see a stack trace.
 */
import { pathToFileURL } from 'node:url';
import { checklistPath, loadChecklistIfPresent, type ChecklistDefinition } from '../checklist/definition.js';
import { ConfigError, parseConfig, type Config } from '../config.js';
import { openStorage, StorageError, type Storage } from '../storage/index.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Parse the configuration and open storage; on failure, say why on `io.err` and return undefined. */
export async function openCliStorage(env: Record<string, string | undefined>, io: CliIo): Promise<{ config: Config; storage: Storage } | undefined> {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.message.split('\n')) io.err(`Configuration error: ${line}\n`);
    return undefined;
  }
  try {
    return { config, storage: await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }) };
  } catch (error) {
    io.err(`Could not open the database: ${error instanceof StorageError ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** Open storage and the checklist (undefined when not installed), run `body`, and always close; returns the exit code. */
export async function withCliStorage(
  env: Record<string, string | undefined>,
  io: CliIo,
  body: (opened: { config: Config; storage: Storage; checklist: ChecklistDefinition | undefined }) => Promise<number>,
): Promise<number> {
  const opened = await openCliStorage(env, io);
  if (!opened) return 1;
  try {
    return await body({ ...opened, checklist: await loadChecklistIfPresent(checklistPath(opened.config.knowledgeDir)) });
  } finally {
    await opened.storage.close();
  }
}

/** Say the checklist is not installed; returns the exit code. */
export function noChecklist(config: Config, io: CliIo): number {
  io.err(`No checklist found at ${checklistPath(config.knowledgeDir)}.\n`);
  return 1;
}

/** Run `main` when the module is the script node was started with (not when a test imports it). */
export async function runIfMain(moduleUrl: string, main: () => Promise<number>): Promise<void> {
  if (process.argv[1] && moduleUrl === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
}
