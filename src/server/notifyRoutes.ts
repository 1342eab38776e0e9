/**
 * POST /api/notify and GET /api/notify/:jobId: announcing a briefing from
 * outside Teams (a publishing pipeline, a scheduled job), with the key in
 * NOTIFY_API_KEY as a bearer token.
 *
 * The POST records the job and answers 202 at once; the outbox sends it, paced,
 * whatever happens to this request or this instance. Without a configured key
 * the endpoint does not exist (404): it fails closed. The key is compared in
 * constant time (as SHA-256 digests, so even its length does not leak).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { AnnounceError, type Announcement } from '../facilitators/announce.js';
import type { Logger } from '../logging.js';
import type { DeliveryStore } from '../storage/deliveryStore.js';
import { sendJson, type HttpRoute } from './httpServer.js';

const NotifyBody = z.object({ briefingId: z.string().trim().min(1).max(200) }).strict();
const JOB_ID = /^job-[a-z0-9]{10}$/;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function bearerMatches(header: unknown, key: string): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // Compare even when the header is malformed, so a refusal takes the same time either way.
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(key)) && match !== null;
}

export interface NotifyRouteOptions {
  key?: string;
  announce(briefingId: string): Promise<Announcement>;
  jobs: Pick<DeliveryStore, 'jobStatus' | 'failures'>;
  log: Logger;
}

export function notifyRoutes(options: NotifyRouteOptions): HttpRoute[] {
  const { key, log } = options;

  /** 404 when no key is configured, 401 for a missing or wrong key; true when the caller may go on. */
  const allowed = (req: Request, res: Response): boolean => {
    if (!key) {
      sendJson(res, 404, { error: 'not_found', message: 'Not found.' });
      return false;
    }
    if (!bearerMatches(req.headers.authorization, key)) {
      log.warn({ event: 'notify_refused', reason: 'bad_key' }, 'notify API refused: missing or wrong key');
      res.header('WWW-Authenticate', 'Bearer');
      sendJson(res, 401, { error: 'unauthorized', message: 'Send the notify API key as "Authorization: Bearer <key>".' });
      return false;
    }
    return true;
  };

  return [
    {
      method: 'post',
      path: '/api/notify',
      async handle(req, res) {
        if (!allowed(req, res)) return;
        const body = NotifyBody.safeParse(req.body);
        if (!body.success) {
          sendJson(res, 400, { error: 'invalid_body', message: 'The body must be JSON of the form {"briefingId": "<briefing id>"}.' });
          return;
        }
        try {
          const announced = await options.announce(body.data.briefingId);
          log.info({ event: 'announce', job: announced.jobId, queued: announced.queued, skipped: announced.skipped, via: 'api' }, 'briefing announced');
          res.header('Location', `/api/notify/${announced.jobId}`);
          sendJson(res, 202, { jobId: announced.jobId, briefingId: announced.briefingId, title: announced.title, queued: announced.queued, skipped: announced.skipped, status: `/api/notify/${announced.jobId}` });
        } catch (error) {
          if (!(error instanceof AnnounceError)) throw error;
          sendJson(res, error.code === 'unknown_briefing' ? 404 : 422, { error: error.code, message: error.message });
        }
      },
    },
    {
      method: 'get',
      path: '/api/notify/:jobId',
      async handle(req, res) {
        if (!allowed(req, res)) return;
        const jobId = String((req.params as { jobId?: unknown }).jobId ?? '');
        const job = JOB_ID.test(jobId) ? await options.jobs.jobStatus(jobId) : undefined;
        if (!job) {
          sendJson(res, 404, { error: 'unknown_job', message: `There is no announcement with the id "${jobId.slice(0, 40)}".` });
          return;
        }
        const failures = job.failed > 0 ? (await options.jobs.failures(jobId)).map(({ status, error, attempts }) => ({ status, error, attempts })) : [];
        sendJson(res, 200, {
          jobId: job.id,
          briefingId: job.subject,
          createdAt: job.createdAt,
          state: job.done ? 'done' : 'sending',
          queued: job.queued,
          sent: job.sent,
          skipped: job.skipped,
          failed: job.failed,
          total: job.total,
          failures,
        });
      },
    },
  ];
}
