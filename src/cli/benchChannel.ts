/**
 * The channel service as `npm run bench` needs it: a loopback HTTP server that
 * takes the bots' replies (POST /v3/conversations/<id>/activities[/<reply to>])
 * and notes the moment each conversation's next message arrives.
 *
 * Typing indicators are answered but do not count as the reply; a turn ends
 * when the message a person would read arrives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  /** performance.now() when the message arrived. */
  at: number;
  activity: Record<string, unknown>;
}

interface Waiter {
  resolve(arrival: Arrival): void;
  timer: NodeJS.Timeout;
}

export class BenchChannel {
  private server?: Server;
  private readonly waiting = new Map<string, Waiter>();
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (match && req.method === 'POST') {
          let activity: Record<string, unknown> = {};
          try {
            activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            /* not a message, then */
          }
          const conversation = decodeURIComponent(match[1]!);
          const waiter = this.waiting.get(conversation);
          if (waiter && activity.type === 'message') {
            this.waiting.delete(conversation);
            clearTimeout(waiter.timer);
            waiter.resolve({ at, activity });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `bench-${++this.counter}` }));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves with the next message in `conversation` and when it arrived; rejects after `timeoutMs`. */
  nextMessage(conversation: string, timeoutMs = 15_000): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(conversation);
        reject(new Error(`no reply in ${conversation} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(conversation, { resolve, timer });
    });
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
