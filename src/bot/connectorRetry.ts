/**
 * The connector's retry layer, replaced by ours.
 *
 * botbuilder's ConnectorClient (every reply, update and proactive send goes
 * through one) is built on @azure/core-client, whose default pipeline retries
 * on its own (`defaultRetryPolicy`: 3 retries of 408/5xx with exponential
 * back-off from 1 s, 429/503 only with Retry-After, socket errors; never 412).
 * Left in place it would stack under any retry of ours. So for every turn this
 * middleware takes it out of the turn's client and, for replies within a turn,
 * puts in a policy driven by src/delivery/retryPolicy.ts (the same statuses,
 * Retry-After and decorrelated jitter as the delivery queue), bounded so a
 * person waits seconds, not minutes. Proactive sends (ContinueConversation
 * turns) get no retry here at all: the outbox retries them durably.
 *
 * Every request also gets a timeout, so a send can never outlive the outbox
 * lease that covers it.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { classifyFailure, retryDelayMs, type BackoffSettings } from '../delivery/retryPolicy.js';

/** The parts of @azure/core-rest-pipeline used here (structural, so no import of a transitive dependency). */
interface PipelineRequest {
  timeout: number;
}
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  bodyAsText?: string | null;
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}
interface Pipeline {
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Retry' }): void;
  removePolicy(options: { name: string }): unknown;
  getOrderedPolicies(): PipelinePolicy[];
}

/** The name @typespec/ts-http-runtime gives the default retry policy (defaultRetryPolicyName). */
const AZURE_DEFAULT_RETRY = 'defaultRetryPolicy';
const OUR_RETRY = 'lscpReplyRetry';
const OUR_TIMEOUT = 'lscpRequestTimeout';

export interface ConnectorRetrySettings {
  /** Attempts for a reply within a turn, the first included. */
  reply: BackoffSettings;
  /** Longest Retry-After a turn will wait for; longer, and the turn fails with its apology. */
  maxReplyWaitMs: number;
  /** Timeout of every request to the connector. */
  requestTimeoutMs: number;
}

/** Replies within a turn: a person is waiting, so a few quick tries (at most ~4 s apart), then the apology. */
export function connectorRetrySettings(delivery: { leaseMs: number; backoff: { baseMs: number } }): ConnectorRetrySettings {
  return {
    reply: { baseMs: Math.min(500, delivery.backoff.baseMs), capMs: 4_000, maxAttempts: 3 },
    maxReplyWaitMs: 10_000,
    // Two thirds of the lease: a send that is cut off still leaves time to record the outcome before the row is due elsewhere.
    requestTimeoutMs: Math.min(20_000, Math.floor((delivery.leaseMs * 2) / 3)),
  };
}

function timeoutPolicy(ms: number): PipelinePolicy {
  return {
    name: OUR_TIMEOUT,
    sendRequest(request, next) {
      if (!request.timeout || request.timeout > ms) request.timeout = ms;
      return next(request);
    },
  };
}

export function replyRetryPolicy(settings: ConnectorRetrySettings, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): PipelinePolicy {
  const { reply, maxReplyWaitMs } = settings;
  return {
    name: OUR_RETRY,
    async sendRequest(request, next) {
      let previous: number | undefined;
      for (let attempt = 1; ; attempt += 1) {
        let response: PipelineResponse | undefined;
        let code: string | undefined;
        try {
          response = await next(request);
        } catch (error) {
          code = (error as { code?: string }).code;
          const outcome = classifyFailure({ code });
          if (outcome.action !== 'retry' || attempt >= reply.maxAttempts) throw error;
        }
        if (response) {
          if (response.status < 400) return response;
          const outcome = classifyFailure({ status: response.status, retryAfter: response.headers.get('retry-after') ?? null });
          if (outcome.action !== 'retry' || attempt >= reply.maxAttempts || (outcome.retryAfterMs ?? 0) > maxReplyWaitMs) return response;
          previous = retryDelayMs(outcome, previous, reply);
        } else {
          previous = retryDelayMs({}, previous, reply);
        }
        await sleep(previous);
      }
    },
  };
}

/** Swap the connector's own retry for ours (or none) on the client of this turn. */
export function useOurRetryPolicy(client: unknown, policy: PipelinePolicy | undefined, timeout: PipelinePolicy): void {
  const pipeline = (client as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline) return;
  const names = new Set(pipeline.getOrderedPolicies().map((p) => p.name));
  pipeline.removePolicy({ name: AZURE_DEFAULT_RETRY });
  if (policy && !names.has(policy.name)) pipeline.addPolicy(policy, { phase: 'Retry' });
  if (!names.has(timeout.name)) pipeline.addPolicy(timeout);
}

/** True for the turns CloudAdapter.continueConversationAsync makes (proactive sends from the outbox). */
export function isProactiveTurn(context: TurnContext): boolean {
  return context.activity.type === 'event' && context.activity.name === 'ContinueConversation';
}

export function connectorRetryMiddleware(settings: ConnectorRetrySettings): Middleware {
  const reply = replyRetryPolicy(settings);
  const timeout = timeoutPolicy(settings.requestTimeoutMs);
  return {
    async onTurn(context, next) {
      useOurRetryPolicy(context.turnState.get(context.adapter.ConnectorClientKey), isProactiveTurn(context) ? undefined : reply, timeout);
      await next();
    },
  };
}
