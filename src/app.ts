/**
 * The composition root: config → storage → knowledge → adapter → bot → server.
 *
 * One screen, top to bottom, like the BotBuilder samples. index.ts calls it
 * for the real process; tests call it with their own config and a port of 0.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createAdapter } from './bot/adapter.js';
import { LscpBot } from './bot/LscpBot.js';
import { proactiveSender } from './bot/proactive.js';
import { rememberConversations } from './bot/rememberConversations.js';
import { DeliveryWorker } from './delivery/worker.js';
import { teamsPacer } from './delivery/pacing.js';
import { announceBriefing } from './facilitators/announce.js';
import { endSubscription } from './facilitators/subscriptions.js';
import { ticketDesk } from './escalation/desk.js';
import { notifyRoutes } from './server/notifyRoutes.js';
import { tokenChecker } from './server/authenticate.js';
import { exactlyOnce } from './server/exactlyOnce.js';
import { fairUse, SLOW_DOWN } from './server/fairUse.js';
import { tenantAllowList } from './server/tenants.js';
import { routes } from './bot/routes.js';
import { Router, commandHelp, type BotServices } from './bot/routing.js';
import { CARD_CONTENT_TYPE, loadCardTemplates } from './cards/renderCard.js';
import { checklistPath, loadChecklistIfPresent } from './checklist/definition.js';
import { reportLinks } from './checklist/reportLinks.js';
import type { Config } from './config.js';
import { facilitatorRoles } from './facilitators/roles.js';
import { loadKnowledgeBase } from './knowledge/knowledgeBase.js';
import { KnowledgeHolder } from './knowledge/holder.js';
import { LiveKnowledge } from './publishing/liveKnowledge.js';
import { sendPendingNotices } from './publishing/notices.js';
import type { KnowledgeBase } from './knowledge/types.js';
import { createLogger, type Logger } from './logging.js';
import { healthRoutes } from './server/healthRoutes.js';
import { infoPageRoutes } from './server/infoPages.js';
import { createHttpServer } from './server/httpServer.js';
import { messagesRoute } from './server/messagesRoute.js';
import { reportRoutes } from './server/reportRoutes.js';
import { openStorage, type Storage } from './storage/index.js';
import { warmUp } from './warmUp.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string }).version;

export interface RunningApp {
  url: string;
  port: number;
  storage: Storage;
  knowledge: KnowledgeBase;
  services: BotServices;
  /** Stop accepting, finish turns in flight, close storage. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  log?: Logger;
  /** A prepared knowledge base (tests share one instead of loading per server). */
  knowledge?: KnowledgeBase;
}

export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const startedAt = new Date();
  const startedAtMs = performance.now();
  const log = overrides.log ?? createLogger(config.logLevel);

  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  // A holder, so briefings published from Teams are swapped in without a restart (issue 13).
  const knowledge = new KnowledgeHolder(overrides.knowledge ?? (await loadKnowledgeBase({ dir: config.knowledgeDir, indexPath: `${PROJECT_ROOT}dist/knowledge-index.json` })));
  const cards = loadCardTemplates(`${PROJECT_ROOT}cards`);
  const checklistDefinition = await loadChecklistIfPresent(checklistPath(config.knowledgeDir));
  if (!checklistDefinition) log.warn({ path: checklistPath(config.knowledgeDir) }, 'no checklist definition: the checklist commands will say it is not installed');
  // Local mode has no configured secret: a random one means links die with the process, which is fine on a laptop.
  const links = reportLinks(config.reportLinkSecret ?? randomBytes(32).toString('base64url'), config.reportLinkTtlMinutes);

  // This instance's name in leases and receipts (several may share one database).
  const instance = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const { adapter, auth } = createAdapter(config, log);
  adapter.use(rememberConversations(storage.conversations, log));
  const outbox = new DeliveryWorker({
    store: storage.deliveries,
    sender: proactiveSender(adapter, config.auth.MicrosoftAppId ?? '', storage.conversations),
    pacer: teamsPacer(),
    owner: instance,
    ...config.delivery,
    log,
    onGone: async (conversationId) => void (await endSubscription(storage, conversationId, 'the conversation is gone')),
  });
  const publications = new LiveKnowledge({
    holder: knowledge,
    store: storage.publications,
    knowledgeDir: config.knowledgeDir,
    pollMs: config.publishing.pollMs,
    log,
    afterSwap: async (list) => {
      await sendPendingNotices({ knowledge, store: storage.publications, announce: (id, via) => announceBriefing(services, id, via), log }, list);
      outbox.wake();
    },
  });
  const services: BotServices = {
    config,
    log,
    cards,
    knowledge,
    storage,
    checklist: { definition: checklistDefinition, links },
    commandHelp: commandHelp(routes),
    roles: facilitatorRoles(config.facilitatorIds),
    delivery: outbox,
    publications,
    desk: ticketDesk({ tickets: storage.tickets, deliveries: storage.deliveries, settings: storage.settings, cards, wake: () => outbox.wake() }),
  };
  // Serve what was published before this instance started; then follow the database.
  await publications.start();
  const bot = new LscpBot(new Router(routes), services);

  const http = createHttpServer({
    log,
    maxBodyBytes: config.maxBodyBytes,
    routes: [
      messagesRoute({
        adapter,
        bot,
        localMode: config.localMode,
        checkToken: tokenChecker(auth, log),
        tenantAllowed: tenantAllowList(config.allowedTenantIds),
        fairUse: fairUse(config.fairUse),
        once: exactlyOnce(storage.receipts, instance, log),
        slowDownCard: () => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value: cards.render('notice', { title: 'One moment, please', message: SLOW_DOWN }) }),
        log,
      }),
      ...reportRoutes({ links, store: storage.assessments, definition: checklistDefinition, log }),
      ...notifyRoutes({ key: config.notifyApiKey, announce: async (id) => announceBriefing(services, id, 'api').finally(() => outbox.wake()), jobs: storage.deliveries, log }),
      ...healthRoutes({
        version: VERSION,
        startedAt,
        checks: [
          { name: 'knowledge', check: async () => ({ documents: knowledge.stats.documents, chunks: knowledge.stats.chunks }) },
          { name: 'storage', check: async () => (await storage.ping(), { dialect: storage.database.dialect }) },
        ],
      }),
      ...infoPageRoutes(),
    ],
  });
  // Before listening, so /readyz (and Teams) only reach a bot whose first turn is as quick as the rest.
  const warm = await warmUp(services);
  const { url, port } = await http.listen(config.port, config.host);
  outbox.start();
  config.publicBaseUrl ??= url;
  log.info({ url, localMode: config.localMode, storage: storage.database.dialect, documents: knowledge.stats.documents, startMs: Math.round(performance.now() - startedAtMs), warmUpMs: Math.round(warm.ms) }, 'LSCP Assistant listening');

  return {
    url,
    port,
    storage,
    knowledge,
    services,
    async stop() {
      await http.close();
      await publications.stop();
      await outbox.stop();
      await storage.close();
      log.info('stopped');
    },
  };
}
