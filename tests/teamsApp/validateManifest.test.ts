import { describe, expect, it } from 'vitest';
import {
  MAX_BOT_COMMANDS_PER_SCOPE,
  bundledSchemaVersions,
  schemaUrlFor,
  validateManifest,
} from '../../src/teamsApp/validateManifest.js';
import { BOT_DOMAIN, BOT_ID, filledManifest, type Manifest } from './helpers.js';

const expectations = { botId: BOT_ID, botDomain: BOT_DOMAIN };

function problemsAfter(edit: (m: Manifest) => void): string[] {
  const manifest = filledManifest();
  edit(manifest);
  return validateManifest(manifest, expectations);
}

describe('the committed manifest', () => {
  it('validates against the newest bundled schema once placeholders are filled', () => {
    const manifest = filledManifest();
    const newest = bundledSchemaVersions().at(-1);
    expect(manifest.manifestVersion).toBe(newest);
    expect(manifest.$schema).toBe(schemaUrlFor(String(newest)));
    expect(validateManifest(manifest, expectations)).toEqual([]);
  });

  it('offers help, checklist, topics and briefings in every bot scope, within the command limit', () => {
    const bot = filledManifest().bots[0];
    expect(bot?.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    for (const scope of ['personal', 'team', 'groupChat']) {
      const titles = (bot?.commandLists ?? []).filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
      expect(titles).toEqual(expect.arrayContaining(['help', 'checklist', 'topics', 'briefings']));
      expect(titles.length).toBeLessThanOrEqual(MAX_BOT_COMMANDS_PER_SCOPE);
    }
  });

  it('declares the shareBriefing search command on the same bot', () => {
    const manifest = filledManifest();
    expect(manifest.composeExtensions[0]).toMatchObject({
      botId: BOT_ID,
      commands: [{ id: 'shareBriefing', type: 'query', title: 'Share a briefing', parameters: [{ name: 'query' }] }],
    });
  });

  it('only knows bundled schemas from 1.25 on', () => {
    const versions = bundledSchemaVersions();
    expect(versions[0]).toBe('1.25');
    expect(versions).toContain('1.30');
  });
});

describe('a broken manifest fails with a message naming the field', () => {
  it('reports a missing required field', () => {
    const problems = problemsAfter((m) => {
      delete m.developer.privacyUrl;
    });
    expect(problems).toEqual(['manifest.json /developer/privacyUrl: is required but missing']);
  });

  it('reports a missing top-level field', () => {
    expect(problemsAfter((m) => delete m.icons)).toContain('manifest.json /icons: is required but missing');
  });

  it('rejects a manifest version older than 1.25', () => {
    const problems = problemsAfter((m) => {
      m.manifestVersion = '1.17';
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json \/manifestVersion: 1\.17 is too old; use 1\.25 or later/);
  });

  it('rejects a manifest version with no bundled schema', () => {
    const problems = problemsAfter((m) => {
      m.manifestVersion = '1.99';
    });
    expect(problems.join('\n')).toMatch(/\/manifestVersion: must be a released version .*\(got "1\.99"\)/);
  });

  it('rejects a missing manifestVersion', () => {
    expect(problemsAfter((m) => delete m.manifestVersion)).toContain('manifest.json /manifestVersion: is required but missing');
  });

  it('rejects an app version that is not x.y.z', () => {
    expect(problemsAfter((m) => (m.version = '1.0'))).toEqual(['manifest.json /version: must be three numbers such as 1.4.0 (got "1.0")']);
  });

  it('rejects more than 12 bot commands in a scope', () => {
    const problems = problemsAfter((m) => {
      const list = m.bots[0]?.commandLists[0];
      for (let i = 0; list && list.commands.length <= MAX_BOT_COMMANDS_PER_SCOPE; i++) list.commands.push({ title: `extra ${i}` });
    });
    expect(problems).toContain('manifest.json /bots/0/commandLists/0/commands: has 13 entries; at most 12 allowed');
    expect(problems).toContain('manifest.json /bots/0/commandLists: has 13 commands for the personal scope; Teams allows at most 12');
  });

  it('counts commands per scope across command lists', () => {
    const problems = problemsAfter((m) => {
      const bot = m.bots[0];
      bot?.commandLists.push({ scopes: ['team'], commands: Array.from({ length: 7 }, (_, i) => ({ title: `more ${i}` })) });
    });
    expect(problems).toEqual(['manifest.json /bots/0/commandLists: has 13 commands for the team scope; Teams allows at most 12']);
  });

  it('requires supportsChannelFeatures "tier1" when the bot is in team scope', () => {
    const problems = problemsAfter((m) => delete m.supportsChannelFeatures);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json \/supportsChannelFeatures: must be "tier1" .* but it is missing$/);
  });

  it('does not require supportsChannelFeatures for a personal-only bot', () => {
    const problems = problemsAfter((m) => {
      delete m.supportsChannelFeatures;
      const bot = m.bots[0];
      if (bot) {
        bot.scopes = ['personal'];
        bot.commandLists = bot.commandLists.filter((l) => l.scopes.includes('personal'));
      }
    });
    expect(problems).toEqual([]);
  });

  it('rejects fields the schema does not know', () => {
    expect(problemsAfter((m) => (m.colour = '#fff'))).toEqual([
      'manifest.json /colour: is not a field of the 1.30 manifest (check the spelling)',
    ]);
  });

  it('rejects a description too long for Teams', () => {
    const problems = problemsAfter((m) => {
      m.description = { short: 'x'.repeat(81), full: 'ok' };
    });
    expect(problems).toEqual(['manifest.json /description/short: is 81 characters long; at most 80 allowed']);
  });

  it('reports unfilled placeholders by field', () => {
    const problems = problemsAfter((m) => {
      const bot = m.bots[0];
      if (bot) bot.botId = '${{MICROSOFT_APP_ID}}';
    });
    expect(problems).toContain('manifest.json /bots/0/botId: placeholder was not filled in (got "${{MICROSOFT_APP_ID}}")');
  });

  it('checks the bot id and domain the package is built for', () => {
    const problems = validateManifest(filledManifest(), { botId: '00000000-0000-4000-8000-000000000000', botDomain: 'other.example.org' });
    expect(problems).toContain(`manifest.json /bots/0/botId: must be MicrosoftAppId 00000000-0000-4000-8000-000000000000 (got "${BOT_ID}")`);
    expect(problems).toContain('manifest.json /validDomains: must include the bot domain other.example.org');
  });

  it('requires the message extension to use the same bot', () => {
    const problems = problemsAfter((m) => {
      const extension = m.composeExtensions[0];
      if (extension) extension.botId = '00000000-0000-4000-8000-000000000000';
    });
    expect(problems).toEqual([
      'manifest.json /composeExtensions/0/botId: must be the same bot as bots[0].botId, which handles the message extension (got "00000000-0000-4000-8000-000000000000")',
    ]);
  });

  it('rejects http developer links and schemes in validDomains', () => {
    const problems = problemsAfter((m) => {
      m.developer.privacyUrl = `http://${BOT_DOMAIN}/privacy`;
      m.validDomains = [`https://${BOT_DOMAIN}`];
    });
    expect(problems).toContain(`manifest.json /developer/privacyUrl: must start with https:// (got "http://${BOT_DOMAIN}/privacy")`);
    expect(problems).toContain(`manifest.json /validDomains/0: must be a host name only, without https:// or a path (got "https://${BOT_DOMAIN}")`);
  });

  it('rejects something that is not an object', () => {
    expect(validateManifest([])).toEqual(['manifest.json: must be a JSON object']);
  });
});
