/**
 * Fetch a file a facilitator sent in Teams, from its `downloadUrl`, and nothing
 * else: only https addresses on the configured file hosts (Microsoft's, by
 * default) are fetched, every redirect is checked against the same list, the
 * size is capped while reading (not only by the header), and a slow host is
 * given up on after the timeout. Each refusal is a PublishError with one line.
 */
import { displayName, PublishError } from './errors.js';

export interface DownloadOptions {
  /** Host names, or `*.suffix` for any subdomain: e.g. `*.sharepoint.com`. */
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const MAX_REDIRECTS = 5;

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return allowed.some((rule) => {
    const r = rule.trim().toLowerCase();
    if (!r) return false;
    if (r.startsWith('*.')) return h.endsWith(r.slice(1)) && h.length > r.length - 1;
    return h === r;
  });
}

/** The URL if it may be fetched; http only on this machine (a test's stand-in file host). */
export function checkedUrl(raw: string, allowed: readonly string[], name: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PublishError('download_failed', `Teams sent “${displayName(name)}” without a usable download link, so I couldn't fetch it. Please send it again.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(host));
  if (!secure || url.username || url.password || !hostAllowed(host, allowed)) {
    throw new PublishError('host_not_allowed', `The link for “${displayName(name)}” does not point at Microsoft's file store (or another host this bot is set to trust), so I did not fetch it. Please attach the file itself in this chat.`);
  }
  return url;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

export function tooBig(name: string, maxBytes: number, size?: number): PublishError {
  return new PublishError(
    'too_big',
    `“${displayName(name)}” is ${size ? megabytes(size) : 'larger than the limit'}; I take files up to ${megabytes(maxBytes)}. Please send a smaller file (a briefing rarely needs more than a few pages).`,
  );
}

export async function downloadFile(rawUrl: string, name: string, options: DownloadOptions): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const failed = (why: string) => new PublishError('download_failed', `I couldn't download “${displayName(name)}” from Teams (${why}). Nothing was changed; please send it again.`);
  const timedOut = () => new PublishError('download_timeout', `Downloading “${displayName(name)}” took longer than ${Math.round(options.timeoutMs / 1000)} seconds, so I stopped. Nothing was changed; please try again in a moment.`);
  let url = checkedUrl(rawUrl, options.allowedHosts, name);
  try {
    for (let hop = 0; ; hop++) {
      const response = await doFetch(url, { redirect: 'manual', signal, headers: { accept: '*/*' } });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw failed('too many redirects');
        url = checkedUrl(new URL(response.headers.get('location')!, url).toString(), options.allowedHosts, name);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw failed(response.status === 401 || response.status === 403 ? 'the link had expired or was refused' : `the file store answered ${response.status}`);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooBig(name, options.maxBytes, declared);
      }
      return await readCapped(response, name, options.maxBytes);
    }
  } catch (error) {
    if (error instanceof PublishError) throw error;
    if (signal.aborted) throw timedOut();
    throw failed('the connection failed');
  }
}

async function readCapped(response: Response, name: string, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooBig(name, maxBytes);
    }
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}
