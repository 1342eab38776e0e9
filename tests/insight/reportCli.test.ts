/**
 * `npm run -s report -- national|themes`: the options, and a clear line for a
 * bad one. (The figures themselves are checked against the bot's own data in
 * tests/bot/insight.test.ts.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportCli } from '../../src/cli/report.js';

const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'lscp-insight-cli-')), DATABASE_URL: '', LOG_LEVEL: 'silent' };

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runReportCli(args, env, { out: (t) => (out += t), err: (t) => (err += t) }, new Date('2026-03-31T12:00:00Z'));
  return { code, out, err };
}

describe('the national and themes reports', () => {
  it('print CSV by default, with only the header and empty cells when there is nothing to show', async () => {
    const national = await cli('national');
    expect(national.code).toBe(0);
    const lines = national.out.split('\r\n');
    expect(lines[0]).toBe('item,section,yes,partly,no,dont_know,partnerships');
    expect(lines[1]).toBe('CIS-A1,A,,,,,');
    expect(lines.at(-2)).toBe('all,all,,,,,');
    const themes = await cli('themes', '--days', '90');
    expect(themes.out).toBe('topic,label,outcome,questions,partnerships\r\nall,All topics shown,all,,\r\n');
  });

  it('print JSON on request, saying what was suppressed', async () => {
    const national = JSON.parse((await cli('national', '--format', 'json')).out) as { partnerships: null; items: Array<{ suppressed: boolean }> };
    expect(national.partnerships).toBeNull();
    expect(national.items).toHaveLength(39);
    expect(national.items.every((i) => i.suppressed)).toBe(true);
    expect(JSON.parse((await cli('themes', '--format', 'json', '--days', '7')).out)).toMatchObject({ days: 7, from: '2026-03-25', to: '2026-03-31', totals: null });
  });

  it('explain a bad format or period in one line', async () => {
    expect(await cli('national', '--format', 'md')).toMatchObject({ code: 2, err: '--format must be csv or json for the national report (got "md").\n' });
    expect(await cli('themes', '--days', 'lots')).toMatchObject({ code: 2, err: '--days must be a whole number from 1 to 730 (got "lots").\n' });
    expect(await cli('national', '--days', '30')).toMatchObject({ code: 2, err: '--days is for the themes report; the national picture is always as it stands now.\n' });
    expect((await cli('--help')).out).toMatch(/report -- national \[--format csv\|json\]/);
  });
});
