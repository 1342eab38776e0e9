/**
 * A local stand-in for the Teams channel service, on loopback.
 *
 * The bot replies by calling the `serviceUrl` of the activity it received; this
 * server plays that part, records every reply and card update, and answers
 * with ids the way the real connector does.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelRecord {
  /** 'send' for new messages (including replies), 'update' for an edited message. */
  op: 'send' | 'update' | 'other';
  conversationId: string;
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

export class ChannelStandIn {
  readonly records: ChannelRecord[] = [];
  private server?: Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = await readJson(req);
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      const match = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
      let activityId = `act-${++this.counter}`;
      if (match && req.method === 'POST') {
        this.records.push({ op: 'send', conversationId: match[1]!, activityId, replyToId: match[2], activity: body });
      } else if (match && req.method === 'PUT' && match[2]) {
        activityId = match[2];
        this.records.push({ op: 'update', conversationId: match[1]!, activityId, activity: body });
      } else if (path === '/v3/conversations' && req.method === 'POST') {
        activityId = `conv-${this.counter}`;
        this.records.push({ op: 'other', conversationId: activityId, activityId, activity: body });
      } else {
        this.records.push({ op: 'other', conversationId: '', activityId, activity: { method: req.method, path } });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: activityId }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Records after `from` (an index into records), optionally only messages with content. */
  since(from: number) {
    return this.records.slice(from);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { raw: text };
  }
}
