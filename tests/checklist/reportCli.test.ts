/**
 * `npm run -s report`: the report CLI as an administrator runs it, in a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { openStorage } from '../../src/storage/index.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'lscp-report-cli-'));
let id = '';

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/report.ts'), ...args], {
      cwd: PROJECT_ROOT,
      // DATABASE_URL set empty so a developer's .env cannot point the CLI at another database.
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const storage = await openStorage({ dataDir });
  const { assessment } = await storage.assessments.create({ ownerKey: 'team:1', ownerKind: 'team', tenantId: null, partnershipName: 'Anytown SCP', checklistVersion: '1.0', by: { id: '29:a', name: 'Alex Chief' } });
  await storage.assessments.saveAnswer({ assessmentId: assessment.id, itemId: 'CIS-A1', value: 'partly', note: 'Plan, agreed', expectedRevision: 0, by: { id: '29:a', name: 'Alex Chief' } });
  id = assessment.id;
  await storage.close();
});

describe('the report CLI', () => {
  it('lists assessments with id, partnership, status and progress', async () => {
    const { code, stdout } = await cli('list');
    expect(code).toBe(0);
    expect(stdout).toBe(`${id}\tAnytown SCP\tin progress\t1 of 39 answered\tteam\tstarted ${new Date().toISOString().slice(0, 10)}\n`);
  });

  it('prints the Markdown report, or CSV with --format csv, for a full or shortened id', async () => {
    const md = await cli(id);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Checklist for Independent Scrutiny: Anytown SCP\n/);
    expect(md.stdout).toContain('- **Answer:** Partly');
    const csv = await cli(id.slice(0, 8), '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^A,Published arrangements and governance,CIS-A1,.*,Partly,"Plan, agreed",Alex Chief,/);
  });

  it('says so in one line and exits 1 for an unknown id', async () => {
    const { code, stdout, stderr } = await cli('cis-nosuchthing');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('No assessment with id "cis-nosuchthing". Run "npm run -s report -- list" to see them.\n');
  });

  it('explains its usage for a bad format or no id', async () => {
    expect(await cli(id, '--format', 'pdf')).toMatchObject({ code: 2, stderr: '--format must be md or csv (got "pdf").\n' });
    expect((await cli()).stderr).toMatch(/^Usage: npm run -s report -- <assessment id>/);
  });
});

afterAll(() => undefined);
