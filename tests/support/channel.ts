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

/** An answer the stand-in gives instead of success, as Teams does when throttling or failing. */
export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests for this conversation (default: any). */
  conversationId?: string;
}

export interface RequestLog {
  method: string;
  conversationId: string;
  status: number;
  at: number;
}

/** A file the stand-in serves at /files/<name>, as OneDrive serves a file sent to a bot (see hostFile). */
export interface HostedFile {
  bytes: Uint8Array;
  status?: number;
  /** Milliseconds before answering (a slow file host). */
  delayMs?: number;
  headers?: Record<string, string>;
}

export class ChannelStandIn {
  /** Files served to the bot's downloads, by name; `fileRequests` counts the fetches. */
  readonly files = new Map<string, HostedFile>();
  fileRequests = 0;
  readonly records: ChannelRecord[] = [];
  /** Every request, including the ones answered with a fault. */
  readonly requests: RequestLog[] = [];
  private readonly faults: Fault[] = [];
  private server?: Server;
  private counter = 0;
  /** Milliseconds to wait before answering each request (a slow channel). */
  delayMs = 0;
  url = '';

  /** Answer the next `times` matching requests with `fault` (queued after any already injected). */
  inject(fault: Fault, times = 1): this {
    for (let i = 0; i < times; i += 1) this.faults.push(fault);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      if (req.method === 'GET' && path.startsWith('/files/')) return this.serveFile(path.slice('/files/'.length), res);
      const body = await readJson(req);
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const conversation = /^\/v3\/conversations\/(.+?)\/activities/.exec(path)?.[1] ?? '';
      const faultAt = this.faults.findIndex((f) => f.conversationId === undefined || f.conversationId === conversation);
      if (faultAt >= 0) {
        const [fault] = this.faults.splice(faultAt, 1);
        this.requests.push({ method: req.method ?? '', conversationId: conversation, status: fault!.status, at: Date.now() });
        res.writeHead(fault!.status, { 'content-type': 'application/json', ...fault!.headers });
        res.end(JSON.stringify(fault!.body ?? { error: { code: 'Injected', message: 'injected by the test' } }));
        return;
      }
      this.requests.push({ method: req.method ?? '', conversationId: conversation, status: 200, at: Date.now() });
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

  /** Serve `file` and return its download URL (the loopback stand-in for a OneDrive downloadUrl). */
  hostFile(name: string, file: HostedFile): string {
    this.files.set(name, file);
    return `${this.url}/files/${encodeURIComponent(name)}?tempauth=stand-in`;
  }

  private async serveFile(name: string, res: import('node:http').ServerResponse) {
    this.fileRequests += 1;
    const file = this.files.get(name);
    if (file?.delayMs) await new Promise((r) => setTimeout(r, file.delayMs));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('not found');
    }
    // A header given as '' is left out (a host that streams without saying the size).
    const headers = Object.fromEntries(Object.entries({ 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length), ...file.headers }).filter(([, v]) => v !== ''));
    res.writeHead(file.status ?? 200, headers);
    res.end(Buffer.from(file.bytes));
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
