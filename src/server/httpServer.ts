/**
 * The HTTP server: restify with a body limit, security headers, request
 * counting for graceful shutdown, and a table of routes supplied by the caller.
 *
 * Handlers are wrapped so that an unexpected error becomes a plain JSON 500
 * with a reference, never restify's default body with the error's message.
 */
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../logging.js';
import { correlationId } from '../bot/LscpBot.js';

export interface HttpRoute {
  method: 'get' | 'post';
  path: string;
  handle(req: Request, res: Response): Promise<void>;
}

export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stop accepting, wait for requests in flight (up to `graceMs`), then close. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

const ERROR_CODES: Record<number, string> = { 400: 'invalid_body', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable', 413: 'too_large', 415: 'unsupported_media_type' };
const ERROR_MESSAGES: Record<number, string> = {
  400: 'The request body could not be read: send JSON.',
  404: 'Not found.',
  405: 'That method is not allowed here.',
  406: 'That response type is not available.',
  413: 'The request body is too large.',
  415: 'Send the body as JSON (Content-Type: application/json).',
};

export function sendJson(res: Response, status: number, body: unknown) {
  res.status(status);
  res.json(body);
}

export function createHttpServer(options: { log: Logger; maxBodyBytes: number; routes: HttpRoute[] }): HttpServer {
  const { log } = options;
  const server = restify.createServer({ name: 'lscp-assistant', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining: (() => void) | undefined;

  server.pre((req, res, next) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) draining?.();
    });
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Cache-Control', 'no-store');
    return next();
  });
  // restify's own refusals (bad JSON, too large, unknown route) would echo its error text, the parser's
  // message or the path; they get one plain sentence by status instead.
  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown; toString: () => string }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const body = { error: ERROR_CODES[status] ?? 'request_failed', message: ERROR_MESSAGES[status] ?? 'The request could not be handled.' };
    err.toJSON = () => body;
    err.toString = () => body.message;
    if (status >= 500) log.error({ err, status }, 'request failed in the HTTP layer');
    return callback();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false }));

  for (const route of options.routes) {
    server[route.method](route.path, async (req: Request, res: Response) => {
      try {
        await route.handle(req, res);
      } catch (error) {
        const reference = correlationId();
        log.error({ err: error, reference, path: route.path }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: 'Something went wrong on our side.', reference });
      }
    });
  }

  return {
    server,
    inFlight: () => inFlight,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = host.includes(':') ? `[${host}]` : host;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
      });
    },
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            draining = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.server.closeAllConnections();
      await closed;
    },
  };
}
