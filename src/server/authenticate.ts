/**
 * Token checks at the door of /api/messages: botbuilder's own validation
 * (issuer, audience, expiry, signature against the published keys, the key's
 * endorsement for the channel, the serviceurl claim), with its failures turned
 * into plain answers.
 *
 * botbuilder's CloudAdapter.process answers a token it cannot check with 500
 * and the library's error text (key endpoint addresses, network errors) in the
 * body. Here any refusal is 401 with one plain line, and keys that cannot be
 * fetched are 503 with Retry-After: the request may be fine, the bot just
 * cannot tell yet. The cause is logged once per outage with a reference.
 */
import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../logging.js';
import { correlationId } from '../bot/LscpBot.js';

/** What CloudAdapter.processActivity takes instead of a header (botframework-connector's type, not re-exported by botbuilder). */
export type AuthenticateRequestResult = Exclude<Parameters<CloudAdapter['processActivity']>[0], string>;

export type Authenticated = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; reference?: string };

/** Seconds a caller is asked to wait while the signing keys cannot be fetched. */
export const KEYS_RETRY_AFTER_SECONDS = 30;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * True when the failure was fetching the keys, not the token: botbuilder's
 * OpenIdMetadata throws AuthenticationError(500, "Failed to load …") on a bad
 * answer and node-fetch's FetchError on a network failure.
 */
export function keysUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { name?: unknown; type?: unknown; code?: unknown; errno?: unknown; statusCode?: unknown; message?: unknown };
  if (e.name === 'FetchError' || e.type === 'system') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return e.statusCode === 500 && typeof e.message === 'string' && /^Failed to load (openID config|Keys)/.test(e.message);
}

export function tokenChecker(auth: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>, log: Logger) {
  let outage: { reference: string; since: number; refused: number } | undefined;
  return async function authenticate(activity: Partial<Activity>, header: string): Promise<Authenticated> {
    try {
      const result = await auth.authenticateRequest(activity as Activity, header);
      if (outage) {
        log.warn({ event: 'token_keys_recovered', reference: outage.reference, refused: outage.refused, seconds: Math.round((Date.now() - outage.since) / 1000) }, 'token signing keys reachable again');
        outage = undefined;
      }
      return { ok: true, result };
    } catch (error) {
      if (keysUnavailable(error)) {
        if (!outage) {
          outage = { reference: correlationId(), since: Date.now(), refused: 0 };
          log.error({ event: 'token_keys_unavailable', reference: outage.reference, err: error }, 'cannot fetch the token signing keys; answering 503 until they can be fetched');
        }
        outage.refused += 1;
        return { ok: false, status: 503, reference: outage.reference };
      }
      // The reason is for the log (at debug: a flood of bad tokens must not flood the log); the caller learns only "no".
      log.debug({ event: 'token_refused', reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'token refused');
      return { ok: false, status: 401 };
    }
  };
}
export type TokenChecker = ReturnType<typeof tokenChecker>;
