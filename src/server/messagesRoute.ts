/**
 * POST /api/messages: where Teams (or the Agents Playground) delivers activities.
 *
 * The body is checked with zod before the adapter sees it: botbuilder would
 * otherwise throw on a malformed activity outside its own error handling. In
 * local mode replies may only go to a loopback serviceUrl, so an unauthenticated
 * bot can never be used to send requests to other machines.
 */
import type { ActivityHandlerBase, CloudAdapter, Request as BfRequest, Response as BfResponse } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../logging.js';
import { sendJson, type HttpRoute } from './httpServer.js';

const Account = z.object({ id: z.string().min(1).max(1024), name: z.string().max(1024).nullish() }).passthrough();

export const ActivityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    serviceUrl: z.string().url().max(2048),
    channelId: z.string().min(1).max(64),
    from: Account,
    recipient: Account,
    conversation: z.object({ id: z.string().min(1).max(2048) }).passthrough(),
    text: z.string().max(100_000).nullish(),
    name: z.string().max(256).nullish(),
  })
  .passthrough();

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function messagesRoute(options: { adapter: CloudAdapter; bot: ActivityHandlerBase; localMode: boolean; log: Logger }): HttpRoute {
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
      log.debug({ type: parsed.data.type, name: parsed.data.name ?? undefined }, 'activity received');
      await adapter.process(req as unknown as BfRequest, res as unknown as BfResponse, (context) => bot.run(context));
    },
  };
}
