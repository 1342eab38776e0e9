/**
 * Shared fixtures for the Teams package tests: known ids, the filled-in manifest, and throw-away
 * copies of the manifest folder under the system temp directory.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { placeholderValues, type PackagingConfig } from '../../src/teamsApp/config.js';
import { fillPlaceholders } from '../../src/teamsApp/manifestTemplate.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MANIFEST_DIR = join(REPO_ROOT, 'manifest');

export const BOT_ID = '11111111-2222-4333-8444-555555555555';
export const BOT_DOMAIN = 'lscp-bot.example.org';
export const TEAMS_APP_ID = '99999999-8888-4777-8666-555555555555';

export const testConfig: PackagingConfig = { botId: BOT_ID, botDomain: BOT_DOMAIN, teamsAppId: TEAMS_APP_ID, appVersion: '1.2.3' };

interface Command {
  title: string;
  description?: string;
}

/** The parts of the manifest the tests change; everything else passes through untouched. */
export interface Manifest {
  [field: string]: unknown;
  manifestVersion?: unknown;
  version: string;
  developer: Record<string, unknown>;
  icons?: Record<string, unknown>;
  bots: Array<{ [field: string]: unknown; botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Command[] }> }>;
  composeExtensions: Array<{ [field: string]: unknown; botId: string }>;
  validDomains: string[];
  supportsChannelFeatures?: string;
}

/** The committed manifest template, filled with the test values and parsed. */
export function filledManifest(): Manifest {
  const { text, missing } = fillPlaceholders(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), placeholderValues(testConfig));
  if (missing.length > 0) throw new Error(`template has unfilled placeholders: ${missing.join(', ')}`);
  return JSON.parse(text) as Manifest;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lscp-teams-'));
  made.push(dir);
  return dir;
}

/** A copy of manifest/ in a temp directory, optionally with the template edited. */
export function manifestCopy(editTemplate?: (template: Manifest) => void): string {
  const dir = tempDir();
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  if (editTemplate) {
    const path = join(dir, 'manifest.json');
    const template = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    editTemplate(template);
    writeFileSync(path, JSON.stringify(template, null, 2));
  }
  return dir;
}
