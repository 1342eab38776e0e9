import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAMS_APP_ID,
  PackagingConfigError,
  parsePackagingConfig,
  placeholderValues,
  readPackagingEnvironment,
} from '../../src/teamsApp/config.js';
import { BOT_DOMAIN, BOT_ID, tempDir } from './helpers.js';

const defaults = { appVersion: '0.1.0' };

function problemsFor(env: Record<string, string | undefined>): string[] {
  try {
    parsePackagingConfig(env, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(PackagingConfigError);
    return (error as PackagingConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('packaging configuration', () => {
  it('needs only MicrosoftAppId and BOT_DOMAIN', () => {
    const config = parsePackagingConfig({ MicrosoftAppId: BOT_ID.toUpperCase(), BOT_DOMAIN: 'LSCP-Bot.Example.org' }, defaults);
    expect(config).toEqual({ botId: BOT_ID, botDomain: BOT_DOMAIN, teamsAppId: DEFAULT_TEAMS_APP_ID, appVersion: '0.1.0' });
    expect(placeholderValues(config)).toEqual({
      MICROSOFT_APP_ID: BOT_ID,
      BOT_DOMAIN,
      TEAMS_APP_ID: DEFAULT_TEAMS_APP_ID,
      APP_VERSION: '0.1.0',
    });
  });

  it('keeps our Teams app id distinct from the bot id unless overridden', () => {
    expect(DEFAULT_TEAMS_APP_ID).not.toBe(BOT_ID);
    const config = parsePackagingConfig(
      { MicrosoftAppId: BOT_ID, BOT_DOMAIN, TEAMS_APP_ID: '99999999-8888-4777-8666-555555555555', APP_VERSION: '2.0.1' },
      defaults,
    );
    expect(config.teamsAppId).toBe('99999999-8888-4777-8666-555555555555');
    expect(config.appVersion).toBe('2.0.1');
  });

  it('names a missing MicrosoftAppId in one friendly line', () => {
    expect(problemsFor({ BOT_DOMAIN })).toEqual([
      "MicrosoftAppId is not set: set it to the bot's Microsoft App ID (Azure Bot > Configuration) in the environment or in .env",
    ]);
  });

  it('treats an empty value as missing and reports every variable at once', () => {
    const problems = problemsFor({ MicrosoftAppId: '  ', BOT_DOMAIN: '' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^MicrosoftAppId is not set/);
    expect(problems[1]).toMatch(/^BOT_DOMAIN is not set: set it to the host name the bot is reached at/);
  });

  it('rejects an app id that is not a GUID', () => {
    expect(problemsFor({ MicrosoftAppId: 'my-bot', BOT_DOMAIN })).toEqual([
      "MicrosoftAppId must be the bot's Microsoft App ID (Azure Bot > Configuration), a GUID such as 00000000-0000-0000-0000-000000000000",
    ]);
  });

  it('rejects a bot domain given as a URL, or with a path', () => {
    expect(problemsFor({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: `https://${BOT_DOMAIN}` })).toEqual([
      'BOT_DOMAIN must be a host name only, without https:// (e.g. lscp-bot.example.org)',
    ]);
    expect(problemsFor({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: `${BOT_DOMAIN}/api` })).toEqual([
      'BOT_DOMAIN must be a host name such as lscp-bot.example.org, with no path or port',
    ]);
  });

  it('rejects an app version Teams would refuse', () => {
    expect(problemsFor({ MicrosoftAppId: BOT_ID, BOT_DOMAIN, APP_VERSION: '1.0.0-beta' })).toEqual([
      'APP_VERSION must be three numbers such as 1.4.0 (Teams accepts no other form)',
    ]);
  });
});

describe('reading the environment', () => {
  it('reads a .env file, with real environment variables winning', () => {
    const file = join(tempDir(), '.env');
    writeFileSync(file, `MicrosoftAppId=${BOT_ID}\nBOT_DOMAIN=from-file.example.org\n`);
    const env = readPackagingEnvironment(file, { BOT_DOMAIN });
    expect(env.MicrosoftAppId).toBe(BOT_ID);
    expect(env.BOT_DOMAIN).toBe(BOT_DOMAIN);
  });

  it('complains only when a named env file is missing', () => {
    const missing = join(tempDir(), 'nope.env');
    expect(() => readPackagingEnvironment(missing, {})).toThrow(`env file ${missing} does not exist`);
  });
});
