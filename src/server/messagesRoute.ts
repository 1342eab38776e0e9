/**
 * POST /api/messages: where Teams (or the Agents Playground) delivers activities.
 *
 * The door, in order, each step cheaper than the next and none of them writing
 * until the request is known to be genuine:
 * 1. the body is a Bot Framework activity (zod; botbuilder would otherwise
 *    throw on a malformed one outside its own error handling): else 400;
 * 2. local mode replies only to a loopback serviceUrl, so an unauthenticated
 *    bot can never be made to send requests to other machines: else 403;
 * 3. the token (src/server/authenticate.ts): else 401, or 503 when the keys
 *    cannot be fetched;
 * 4. the tenant allow-list: else 403, nothing handled;
 * 5. fair use per person: the excess is dropped before any search, the person
 *    told once;
 * 6. exactly once: a repeated delivery gets the first answer again.
 * Only then does the adapter run the bot. No answer ever carries a library's
 * error text, a stack trace, a path or a host name.
 */
import type { Activity, ActivityHandlerBase, TurnContext } from 'botbuilder';
import type { LscpAdapter } from '../bot/adapter.js';
import type { Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logging.js';
import type { TokenChecker } from './authenticate.js';
import { KEYS_RETRY_AFTER_SECONDS } from './authenticate.js';
import { exactlyOnce, type HttpAnswer } from './exactlyOnce.js';
import { SLOW_DOWN, type FairUse } from './fairUse.js';
import { sendJson, type HttpRoute } from './httpServer.js';

const Account = z.object({ id: z.string().min(1).max(1024), name: z.string().max(1024).nullish(), aadObjectId: z.string().max(100).nullish() }).passthrough();

export const ActivityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    serviceUrl: z.string().url().max(2048),
    channelId: z.string().min(1).max(64),
    from: Account,
    recipient: Account,
    conversation: z.object({ id: z.string().min(1).max(2048), tenantId: z.string().max(100).nullish() }).passthrough(),
    text: z.string().max(100_000).nullish(),
    name: z.string().max(256).nullish(),
    channelData: z.object({ tenant: z.object({ id: z.string().max(100).nullish() }).passthrough().nullish() }).passthrough().nullish(),
  })
  .passthrough();

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface MessagesRouteOptions {
  adapter: LscpAdapter;
  bot: ActivityHandlerBase;
  localMode: boolean;
  checkToken: TokenChecker;
  /** Undefined: every tenant is served. */
  tenantAllowed?: (activity: Partial<Activity>) => boolean;
  fairUse: FairUse;
  once: ReturnType<typeof exactlyOnce>;
  /** The invoke answer (a card) for a sender over the limit. */
  slowDownCard(): unknown;
  log: Logger;
}

function plain(res: Response, status: number, text: string, headers: Record<string, string> = {}) {
  const body = `${text}\n`;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function answer(res: Response, result: HttpAnswer) {
  if (result.body === undefined || result.body === null) {
    res.writeHead(result.status, { 'Content-Length': 0 });
    res.end();
  } else sendJson(res, result.status, result.body);
}

/** botbuilder's own fix-up of an incoming activity (CloudAdapter.process does it): timestamps as dates, raw text kept. */
function withDates(activity: Record<string, unknown>): Partial<Activity> {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      const date = new Date(value);
      activity[field] = Number.isNaN(date.getTime()) ? undefined : date;
    }
  }
  return activity as Partial<Activity>;
}

export function messagesRoute(options: MessagesRouteOptions): HttpRoute {
  const { adapter, bot, localMode, log } = options;
  return {
    method: 'post',
    path: '/api/messages',
    async handle(req, res) {
      const parsed = ActivityEnvelope.safeParse(req.body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first?.path.join('.') || 'body';
        log.warn({ problem: where }, 'rejected a malformed activity');
        sendJson(res, 400, { error: 'invalid_activity', message: `The request body is not a valid Bot Framework activity (${where}: ${first?.message ?? 'invalid'}).` });
        return;
      }
      if (localMode && !LOOPBACK_HOSTS.has(new URL(parsed.data.serviceUrl).hostname)) {
        log.warn('local mode refused a non-loopback serviceUrl');
        sendJson(res, 403, { error: 'forbidden', message: 'In local mode the bot only replies to a serviceUrl on this machine. Set MicrosoftAppId to connect to Teams.' });
        return;
      }
      const activity = withDates({ ...parsed.data });
      const header = req.headers.authorization;
      const authenticated = await options.checkToken(activity, typeof header === 'string' ? header : '');
      if (!authenticated.ok) {
        if (authenticated.status === 503) {
          plain(res, 503, `The bot cannot check sign-in tokens at the moment. Please try again shortly (reference ${authenticated.reference}).`, { 'Retry-After': String(KEYS_RETRY_AFTER_SECONDS) });
        } else {
          plain(res, 401, 'Unauthorized.', { 'WWW-Authenticate': 'Bearer' });
        }
        return;
      }
      if (options.tenantAllowed && !options.tenantAllowed(activity)) {
        log.warn({ event: 'tenant_refused', type: parsed.data.type }, 'activity from a tenant that is not allowed; nothing handled');
        plain(res, 403, 'Forbidden.');
        return;
      }

      const run = async (logic: (context: TurnContext) => Promise<void>): Promise<HttpAnswer> => {
        const result = await adapter.runAuthenticated(authenticated.result, activity as Activity, logic);
        // botbuilder answers an invoke nobody handles with 501; that is the sender's unknown name, not our failure.
        if (result?.status === 501) {
          log.info({ event: 'unhandled_invoke', name: parsed.data.name ?? undefined }, 'an invoke this bot does not handle');
          return { status: 200 };
        }
        return { status: result?.status ?? 200, body: result?.body };
      };

      const type = parsed.data.type;
      if (type === 'message' || type === 'invoke') {
        const person = parsed.data.from.aadObjectId ?? parsed.data.from.id;
        const verdict = options.fairUse.check(person);
        if (verdict !== 'ok') {
          log.warn({ event: 'fair_use', verdict, type }, verdict === 'tell' ? 'over the fair-use limit: told to slow down' : 'over the fair-use limit: dropped');
          if (type === 'invoke') answer(res, { status: 200, body: options.slowDownCard() });
          else if (verdict === 'tell') answer(res, await run(async (context) => void (await context.sendActivity(SLOW_DOWN))));
          else answer(res, { status: 200 });
          return;
        }
      }

      answer(res, await options.once(parsed.data, () => run((context) => bot.run(context))));
    },
  };
}
