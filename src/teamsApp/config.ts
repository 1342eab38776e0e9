/**
 * Packaging configuration: the few values that turn manifest/manifest.json into a tenant's app package.
 *
 * Read from the environment and an optional `.env` file (real environment variables win), checked
 * with zod, and reported one line per problem naming the variable, because the person running this
 * is usually an IT administrator rather than a developer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/**
 * Our own Teams app id, distinct from the bot's Microsoft App ID. It must stay the same across
 * releases: Teams treats a package with a new id as a different app, so partners would end up with
 * two assistants installed. Override it with TEAMS_APP_ID only to run a separate test copy.
 */
export const DEFAULT_TEAMS_APP_ID = '2b235399-4ee3-4ed0-ac3b-9d6da974cc45';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// Teams only accepts plain x.y.z here; pre-release tags are rejected at upload.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const guid = (name: string, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `${name} is not set: set it to ${what} in the environment or in .env` })
      .trim()
      .regex(GUID, `${name} must be ${what}, a GUID such as 00000000-0000-0000-0000-000000000000`),
  );

const PackagingEnv = z.object({
  MicrosoftAppId: guid('MicrosoftAppId', "the bot's Microsoft App ID (Azure Bot > Configuration)"),
  BOT_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string({
        required_error:
          'BOT_DOMAIN is not set: set it to the host name the bot is reached at (the host of PUBLIC_BASE_URL, e.g. lscp-bot.example.org)',
      })
      .trim()
      .toLowerCase()
      .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//.test(v), 'BOT_DOMAIN must be a host name only, without https:// (e.g. lscp-bot.example.org)')
      .refine((v) => /^[a-z][a-z0-9+.-]*:\/\//.test(v) || HOST_NAME.test(v), 'BOT_DOMAIN must be a host name such as lscp-bot.example.org, with no path or port'),
  ),
  TEAMS_APP_ID: z.preprocess(blankToUndefined, guid('TEAMS_APP_ID', 'the Teams app id').optional()),
  APP_VERSION: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(SEMVER, 'APP_VERSION must be three numbers such as 1.4.0 (Teams accepts no other form)').optional(),
  ),
});

export interface PackagingConfig {
  /** The Azure Bot's Microsoft App ID; goes into bots[].botId and composeExtensions[].botId. */
  botId: string;
  /** Host name only; used for validDomains and the developer URLs. */
  botDomain: string;
  /** The manifest `id`. */
  teamsAppId: string;
  /** The manifest `version`; must go up with every package uploaded to a tenant. */
  appVersion: string;
}

export class PackagingConfigError extends Error {
  override name = 'PackagingConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Check the environment; throws PackagingConfigError listing every problem at once. */
export function parsePackagingConfig(
  env: Record<string, string | undefined>,
  defaults: { appVersion: string },
): PackagingConfig {
  const result = PackagingEnv.safeParse(env);
  if (!result.success) {
    throw new PackagingConfigError(result.error.issues.map((issue) => issue.message));
  }
  const e = result.data;
  const appVersion = e.APP_VERSION ?? defaults.appVersion;
  if (!SEMVER.test(appVersion)) {
    throw new PackagingConfigError([`APP_VERSION is not set and the default "${appVersion}" is not of the form 1.4.0: set APP_VERSION`]);
  }
  return {
    botId: e.MicrosoftAppId.toLowerCase(),
    botDomain: e.BOT_DOMAIN,
    teamsAppId: (e.TEAMS_APP_ID ?? DEFAULT_TEAMS_APP_ID).toLowerCase(),
    appVersion,
  };
}

/** Values for the `${{NAME}}` placeholders in manifest/manifest.json (the Agents Toolkit's syntax). */
export function placeholderValues(config: PackagingConfig): Record<string, string> {
  return {
    MICROSOFT_APP_ID: config.botId,
    BOT_DOMAIN: config.botDomain,
    TEAMS_APP_ID: config.teamsAppId,
    APP_VERSION: config.appVersion,
  };
}

/**
 * The process environment over the values in `envFile`. A missing default `.env` is normal (the
 * variables may be set directly); a file named explicitly must exist.
 */
export function readPackagingEnvironment(
  envFile: string | undefined,
  processEnv: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const path = envFile ?? '.env';
  if (!existsSync(path)) {
    if (envFile !== undefined) throw new PackagingConfigError([`env file ${envFile} does not exist`]);
    return { ...processEnv };
  }
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...processEnv };
}
