/**
 * Configuration: every setting the bot reads, parsed once from the environment.
 *
 * A bad value stops start-up with one line naming the variable and what is
 * expected, so an administrator never has to read a stack trace. Security
 * settings fail closed: credentials that are half present are an error, not a
 * silent fall-back to unauthenticated mode.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isObjectId } from './facilitators/roles.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Where Teams keeps a file sent to a bot in personal chat: the sender's OneDrive for Business (<tenant>-my.sharepoint.com). */
export const DEFAULT_FILE_HOSTS = '*.sharepoint.com';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return fallback;
      const n = Number(s);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** An https address, or http on this machine only (a test's stand-in): where the bot fetches the keys it trusts. */
const endpointUrl = z
  .string()
  .url('must be a full URL')
  .refine((u) => u.startsWith('https://') || LOOPBACK.has(new URL(u).hostname.replace(/^\[|\]$/g, '')), { message: 'must use https (http is allowed only on 127.0.0.1 or localhost)' });

const EnvSchema = z
  .object({
    PORT: wholeNumber(0, 65535, 3978),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// connection string (leave it unset to use the embedded SQLite file)')
        .optional(),
    ),
    KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_BODY_BYTES: wholeNumber(1024, 10 * 1024 * 1024, 512 * 1024),
    PUBLIC_BASE_URL: optionalText.pipe(z.string().url('must be a full URL such as https://lscp-bot.example.org').optional()),
    REPORT_LINK_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (use a random string)').optional()),
    REPORT_LINK_TTL_MINUTES: wholeNumber(1, 7 * 24 * 60, 60),
    // Below 3, a count could single out one partnership's answers (issue 14: small numbers are suppressed).
    NATIONAL_MIN_PARTNERSHIPS: wholeNumber(3, 1000, 5),
    ALLOWED_TENANT_IDS: optionalText,
    FACILITATOR_IDS: optionalText.pipe(
      z
        .string()
        .refine((list) => list.split(',').map((s) => s.trim()).filter(Boolean).every(isObjectId), {
          message: 'must be a comma-separated list of Azure AD object ids (GUIDs, from.aadObjectId), never display names',
        })
        .optional(),
    ),
    NOTIFY_API_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (use a random string, e.g. openssl rand -hex 32)').optional()),
    DELIVERY_CONCURRENCY: wholeNumber(1, 32, 4),
    DELIVERY_LEASE_SECONDS: wholeNumber(2, 30, 30),
    DELIVERY_MAX_ATTEMPTS: wholeNumber(1, 20, 6),
    DELIVERY_RETRY_BASE_MS: wholeNumber(1, 60_000, 1_000),
    DELIVERY_RETRY_CAP_MS: wholeNumber(10, 600_000, 60_000),
    DELIVERY_POLL_MS: wholeNumber(10, 60_000, 1_000),
    MicrosoftAppId: optionalText.pipe(z.string().uuid('must be the Azure Bot app registration ID (a GUID)').optional()),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText.pipe(z.string().uuid('must be your Microsoft Entra tenant ID (a GUID)').optional()),
    MicrosoftAppType: optionalText.pipe(z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional()),
    // botbuilder's own token-validation endpoints, for sovereign clouds and for tests that run a loopback OpenID stand-in.
    ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(endpointUrl.optional()),
    ToBotFromChannelTokenIssuer: optionalText.pipe(z.string().url('must be the token issuer URL, e.g. https://api.botframework.com').optional()),
    ToBotFromEmulatorOpenIdMetadataUrl: optionalText.pipe(endpointUrl.optional()),
    // The typing indicator is sent only when a reply takes longer than this (botbuilder's ShowTypingMiddleware waits 500 ms too):
    // a quick answer arrives without one, 0 sends it at once.
    TYPING_DELAY_MS: wholeNumber(0, 10_000, 500),
    FAIR_USE_BURST: wholeNumber(1, 1_000, 20),
    FAIR_USE_PER_MINUTE: wholeNumber(1, 10_000, 60),
    // Publishing briefings from Teams (issue 13).
    MAX_UPLOAD_MB: wholeNumber(1, 200, 20),
    FILE_DOWNLOAD_HOSTS: z
      .string()
      .trim()
      .default(DEFAULT_FILE_HOSTS)
      .refine((list) => list.split(',').map((s) => s.trim()).filter(Boolean).every((h) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(h) || h === '::1'), {
        message: 'must be a comma-separated list of host names, each optionally starting with *. (e.g. *.sharepoint.com)',
      }),
    FILE_DOWNLOAD_TIMEOUT_MS: wholeNumber(100, 300_000, 30_000),
    PUBLICATION_POLL_MS: wholeNumber(100, 60_000, 1_000),
  });

/** Rules across variables, checked only once each variable is well-formed so the first error shown is the real one. */
const CrossChecked = EnvSchema.superRefine((env, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!env.MicrosoftAppId) {
      for (const key of ['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const) {
        if (env[key]) fail('MicrosoftAppId', `is required when ${key} is set (or remove ${key} to run in local mode)`);
      }
      // Local mode trusts whoever calls it, so it must never listen beyond this machine.
      if (!LOOPBACK.has(env.HOST)) fail('HOST', 'must be 127.0.0.1 or localhost in local mode; set MicrosoftAppId to listen on other interfaces');
      return;
    }
    const type = env.MicrosoftAppType ?? 'MultiTenant';
    if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) fail('MicrosoftAppPassword', `is required for a ${type} bot`);
    if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) fail('MicrosoftAppTenantId', `is required for a ${type} bot`);
    if (!env.PUBLIC_BASE_URL?.startsWith('https://')) fail('PUBLIC_BASE_URL', 'must be the https:// address the bot is reached at (used for report links)');
    if (!env.REPORT_LINK_SECRET) fail('REPORT_LINK_SECRET', 'is required when MicrosoftAppId is set (at least 32 random characters; it signs report download links)');
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  knowledgeDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  maxBodyBytes: number;
  /** Base of links the bot hands out; in local mode it is filled in once the port is known. */
  publicBaseUrl?: string;
  reportLinkSecret?: string;
  reportLinkTtlMinutes: number;
  /** Figures about fewer partnerships than this are not shown (national picture, themes). */
  nationalMinPartnerships: number;
  allowedTenantIds: string[];
  /** Azure AD object ids of the programme's facilitators; empty means nobody is one. */
  facilitatorIds: string[];
  /** Bearer key of POST /api/notify; without one the endpoint does not exist (404). */
  notifyApiKey?: string;
  /** The outbox worker: sends in flight, lease per attempt, and the retry policy's back-off. */
  delivery: { concurrency: number; leaseMs: number; pollMs: number; backoff: { baseMs: number; capMs: number; maxAttempts: number } };
  /** Empty in local mode: no tokens are checked, and only loopback callers are served. */
  auth: {
    MicrosoftAppId?: string;
    MicrosoftAppPassword?: string;
    MicrosoftAppTenantId?: string;
    MicrosoftAppType?: string;
    ToBotFromChannelOpenIdMetadataUrl?: string;
    ToBotFromChannelTokenIssuer?: string;
    ToBotFromEmulatorOpenIdMetadataUrl?: string;
  };
  /** Messages per person: a burst, then a steady rate; the excess is dropped before any work. */
  fairUse: { burst: number; perMinute: number };
  /** Send the typing indicator only when a reply takes longer than this (0: at once). */
  typingDelayMs: number;
  /** Briefings published from Teams: the upload limit, the only hosts files are fetched from, the download timeout, and how often each instance checks for new publications. */
  publishing: { maxUploadBytes: number; downloadHosts: string[]; downloadTimeoutMs: number; pollMs: number };
  localMode: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse configuration; throws ConfigError whose message is one line per problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const fields = EnvSchema.safeParse(env);
  const result = fields.success ? CrossChecked.safeParse(env) : fields;
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'configuration';
      const got = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
      const shown = got === undefined || /SECRET|PASSWORD|KEY/i.test(name) ? '' : ` (got "${got.slice(0, 60)}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    knowledgeDir: resolve(e.KNOWLEDGE_DIR),
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    reportLinkSecret: e.REPORT_LINK_SECRET,
    reportLinkTtlMinutes: e.REPORT_LINK_TTL_MINUTES,
    nationalMinPartnerships: e.NATIONAL_MIN_PARTNERSHIPS,
    allowedTenantIds: commaList(e.ALLOWED_TENANT_IDS),
    facilitatorIds: commaList(e.FACILITATOR_IDS),
    notifyApiKey: e.NOTIFY_API_KEY,
    delivery: {
      concurrency: e.DELIVERY_CONCURRENCY,
      leaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
      pollMs: e.DELIVERY_POLL_MS,
      backoff: { baseMs: e.DELIVERY_RETRY_BASE_MS, capMs: Math.max(e.DELIVERY_RETRY_CAP_MS, e.DELIVERY_RETRY_BASE_MS), maxAttempts: e.DELIVERY_MAX_ATTEMPTS },
    },
    auth: e.MicrosoftAppId
      ? {
          MicrosoftAppId: e.MicrosoftAppId,
          MicrosoftAppPassword: e.MicrosoftAppPassword,
          MicrosoftAppTenantId: e.MicrosoftAppTenantId,
          MicrosoftAppType: e.MicrosoftAppType ?? 'MultiTenant',
          ...(e.ToBotFromChannelOpenIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl } : {}),
          ...(e.ToBotFromChannelTokenIssuer ? { ToBotFromChannelTokenIssuer: e.ToBotFromChannelTokenIssuer } : {}),
          ...(e.ToBotFromEmulatorOpenIdMetadataUrl ? { ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl } : {}),
        }
      : {},
    fairUse: { burst: e.FAIR_USE_BURST, perMinute: e.FAIR_USE_PER_MINUTE },
    typingDelayMs: e.TYPING_DELAY_MS,
    publishing: {
      maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
      downloadHosts: commaList(e.FILE_DOWNLOAD_HOSTS).map((h) => h.toLowerCase()),
      downloadTimeoutMs: e.FILE_DOWNLOAD_TIMEOUT_MS,
      pollMs: e.PUBLICATION_POLL_MS,
    },
    localMode: !e.MicrosoftAppId,
  };
}

function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Environment plus an optional `.env` file; real environment variables win. */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}
