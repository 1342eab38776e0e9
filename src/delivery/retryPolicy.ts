/**
 * What to do when Teams answers a send with an error: the one retry policy of
 * the bot, shared by the durable delivery queue (briefing notices, relayed
 * answers) and by replies within a turn.
 *
 * Why this is the only retry layer: botbuilder 4.23's ConnectorClient is an
 * @azure/core-client ServiceClient whose default pipeline carries
 * `defaultRetryPolicy` (@typespec/ts-http-runtime): 3 retries of 408 and 5xx
 * (but not 501/505) with exponential back-off from 1 s, of 429/503 only when a
 * Retry-After header is present, and of socket errors. It never retries 412, nor
 * 429 without Retry-After, and it sleeps inside the request, which would hold a
 * queue row's lease. So the bot takes that policy out of every connector client
 * (src/bot/connectorRetry.ts) and puts this one in its place; stacking the two
 * would multiply attempts (4 × ours) and ignore the pacing.
 *
 * Pure: a status and a body in, a decision out; the clock and the random
 * source are parameters so the tests can pin them.
 */

/** Teams' transient answers (its "handle bot errors" guidance): retried with back-off. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** A send that failed before any request (no token could be had, say): as transient as a 503. */
export const SETUP_FAILED = 'SETUP_FAILED';

/** Socket-level failures are as transient as a 503: the request may never have reached Teams. */
const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR', 'REQUEST_ABORTED', SETUP_FAILED]);

/**
 * The 403 codes that mean the bot can no longer write to the conversation (removed,
 * blocked, uninstalled): Microsoft documents subCode MessageWritesBlocked; the
 * connector also answers with these codes in the error body.
 */
const GONE_403_CODES: ReadonlySet<string> = new Set(['messagewritesblocked', 'conversationblockedbyuser', 'botnotinconversationroster']);

export type FailureOutcome =
  /** Try again after a delay. */
  | { action: 'retry'; retryAfterMs?: number }
  /** The conversation is gone for good: end its subscription, do not retry. */
  | { action: 'gone' }
  /** A permanent error for this message: record it with its status. */
  | { action: 'fail' };

export interface SendFailure {
  status?: number;
  /** A network error code (ECONNRESET …) when there was no HTTP answer. */
  code?: string;
  /** The Retry-After header, if any. */
  retryAfter?: string | null;
  /** The response body as text (Teams puts the code and subCode there). */
  body?: string;
}

export function classifyFailure(failure: SendFailure, now = Date.now()): FailureOutcome {
  const { status } = failure;
  if (status === undefined) return failure.code && RETRYABLE_ERROR_CODES.has(failure.code) ? { action: 'retry' } : { action: 'fail' };
  if (status === 404) return { action: 'gone' };
  if (status === 403) return errorCodes(failure.body).some((c) => GONE_403_CODES.has(c)) ? { action: 'gone' } : { action: 'fail' };
  if (RETRYABLE_STATUSES.has(status)) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(failure.retryAfter, now) : undefined;
    return retryAfterMs === undefined ? { action: 'retry' } : { action: 'retry', retryAfterMs };
  }
  return { action: 'fail' };
}

/** `code` and `subCode` wherever Teams put them in an error body, lower case. */
function errorCodes(body: string | undefined): string[] {
  if (!body) return [];
  const found = body.match(/"(?:code|subCode)"\s*:\s*"([^"]{1,100})"/gi) ?? [];
  return found.map((m) => (/:\s*"([^"]*)"/.exec(m)?.[1] ?? '').toLowerCase());
}

/** Longest Retry-After honoured: a bigger value is more likely a misreading than a real instruction. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  // An HTTP date names its day and month ("Wed, 02 Dec 2026 12:00:05 GMT"); Date.parse alone would take "-3" as a year.
  if (!/[a-z]{3}.*\d{4}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

export interface BackoffSettings {
  /** The first delay, and the least any delay may be. */
  baseMs: number;
  /** No delay is longer than this (except an explicit Retry-After). */
  capMs: number;
  /** Attempts in all, the first one included; after the last, the failure is recorded. */
  maxAttempts: number;
}

/**
 * Decorrelated jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * each delay is random between the base and three times the previous one, capped.
 * It spreads retries from many senders better than plain exponential back-off
 * and needs only the previous delay as state, which fits a queue row.
 */
export function nextDelayMs(previousMs: number | undefined, settings: Pick<BackoffSettings, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const { baseMs, capMs } = settings;
  const upper = Math.max(baseMs, (previousMs ?? baseMs) * 3);
  return Math.min(capMs, Math.round(baseMs + random() * (upper - baseMs)));
}

/** The delay before the next attempt: Retry-After when Teams gave one (it knows best), else the jitter. */
export function retryDelayMs(outcome: { retryAfterMs?: number }, previousMs: number | undefined, settings: Pick<BackoffSettings, 'baseMs' | 'capMs'>, random?: () => number): number {
  const jitter = nextDelayMs(previousMs, settings, random);
  return outcome.retryAfterMs === undefined ? jitter : Math.max(outcome.retryAfterMs, settings.baseMs);
}
