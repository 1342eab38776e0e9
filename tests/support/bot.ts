/**
 * Start the real app (restify, CloudAdapter, storage, knowledge) on a free
 * loopback port with a fresh data directory, plus a channel stand-in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, startApp, type RunningApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { createLogger, type Logger } from '../../src/logging.js';
import { ChannelStandIn } from './channel.js';
import { TestConversation, type Kind, type Person } from './conversation.js';

/** Scripted users press buttons far faster than people; fair use is tested on its own, with its real limits. */
export const UNLIMITED = { FAIR_USE_BURST: '1000', FAIR_USE_PER_MINUTE: '10000' };

let shared: Promise<KnowledgeBase> | undefined;
/** The real corpus, loaded once per test file. */
export function sharedKnowledge(): Promise<KnowledgeBase> {
  shared ??= loadKnowledgeBase({ dir: join(PROJECT_ROOT, 'knowledge'), indexPath: join(PROJECT_ROOT, 'dist', 'knowledge-index.json') });
  return shared;
}

export interface TestBot {
  app: RunningApp;
  channel: ChannelStandIn;
  dataDir: string;
  conversation(kind?: Kind, user?: Person): TestConversation;
  /** Stop the app only (the data directory and channel stay, for restart tests). */
  stopApp(): Promise<void>;
  /** Start a new app process on the same data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestBot(options: { env?: Record<string, string>; dataDir?: string; channel?: ChannelStandIn; log?: Logger } = {}): Promise<TestBot> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lscp-bot-'));
  const channel = options.channel ?? (await new ChannelStandIn().start());
  const knowledge = await sharedKnowledge();
  const boot = () => startApp(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...UNLIMITED, ...options.env }), { knowledge, log: options.log ?? createLogger('silent') });
  let app = await boot();
  let running = true;
  const bot: TestBot = {
    get app() {
      return app;
    },
    channel,
    dataDir,
    conversation: (kind = 'personal', user) => new TestConversation(() => app.url, channel, kind, user),
    async stopApp() {
      if (running) await app.stop();
      running = false;
    },
    async restart() {
      if (running) await app.stop();
      app = await boot();
      running = true;
    },
    async stop() {
      if (running) await app.stop();
      running = false;
      if (!options.channel) await channel.stop();
    },
  };
  return bot;
}

/** Two app instances on one fresh database, sharing one channel stand-in: two instances behind a load balancer. */
export async function startTwoInstances(database: { create(): Promise<{ databaseUrl?: string }>; dropAll(): Promise<void> }, env: Record<string, string> = {}) {
  const channel = await new ChannelStandIn().start();
  const { databaseUrl } = await database.create();
  const both = { DATABASE_URL: databaseUrl!, ...env };
  const first = await startTestBot({ channel, env: both });
  const second = await startTestBot({ channel, env: both });
  return {
    channel,
    first,
    second,
    async stop() {
      await first.stop();
      await second.stop();
      await channel.stop();
      await database.dropAll();
    },
  };
}
