/**
 * Health endpoints for load balancers and administrators.
 *
 * /healthz says the process is alive; /readyz says it can do its job: the
 * knowledge index is loaded and the database answers.
 */
import type { HttpRoute } from './httpServer.js';
import { sendJson } from './httpServer.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}

export function healthRoutes(options: { version: string; startedAt: Date; checks: ReadinessCheck[] }): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      async handle(_req, res) {
        sendJson(res, 200, { status: 'ok', version: options.version, uptimeSeconds: Math.round((Date.now() - options.startedAt.getTime()) / 1000) });
      },
    },
    {
      method: 'get',
      path: '/readyz',
      async handle(_req, res) {
        const results = await Promise.all(
          options.checks.map(async ({ name, check }) => {
            try {
              return [name, { ok: true, ...(await withTimeout(check(), 3000)) }] as const;
            } catch (error) {
              return [name, { ok: false, error: (error as Error).message.split('\n')[0] }] as const;
            }
          }),
        );
        const ready = results.every(([, r]) => r.ok);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
      },
    },
  ];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
