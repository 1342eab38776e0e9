import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkColorIcon, checkOutlineIcon } from '../../src/teamsApp/icons.js';
import { buildAppPackage, PackagingError, writeAppPackage } from '../../src/teamsApp/packageApp.js';
import { validateManifest } from '../../src/teamsApp/validateManifest.js';
import { BOT_DOMAIN, BOT_ID, manifestCopy, MANIFEST_DIR, REPO_ROOT, TEAMS_APP_ID, tempDir, testConfig } from './helpers.js';

async function packagingProblems(manifestDir: string): Promise<string[]> {
  try {
    await buildAppPackage({ manifestDir, config: testConfig });
  } catch (error) {
    expect(error).toBeInstanceOf(PackagingError);
    return (error as PackagingError).problems;
  }
  throw new Error('expected packaging to fail');
}

describe('buildAppPackage', () => {
  it('writes a zip holding a valid manifest and icons that pass', async () => {
    const out = join(tempDir(), 'dist', 'appPackage.zip');
    await writeAppPackage(out, await buildAppPackage({ manifestDir: MANIFEST_DIR, config: testConfig }));

    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest: unknown = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '');
    expect(validateManifest(manifest, { botId: BOT_ID, botDomain: BOT_DOMAIN })).toEqual([]);
    expect(manifest).toMatchObject({
      id: TEAMS_APP_ID,
      version: '1.2.3',
      bots: [{ botId: BOT_ID }],
      composeExtensions: [{ botId: BOT_ID }],
      validDomains: [BOT_DOMAIN],
      developer: { privacyUrl: `https://${BOT_DOMAIN}/privacy`, termsOfUseUrl: `https://${BOT_DOMAIN}/terms` },
    });

    const color = await zip.file('color.png')?.async('nodebuffer');
    const outline = await zip.file('outline.png')?.async('nodebuffer');
    expect(color && checkColorIcon('color.png', color)).toEqual([]);
    expect(outline && checkOutlineIcon('outline.png', outline)).toEqual([]);
  });

  it('gives the same bytes for the same inputs', async () => {
    const first = await buildAppPackage({ manifestDir: MANIFEST_DIR, config: testConfig });
    const second = await buildAppPackage({ manifestDir: MANIFEST_DIR, config: testConfig });
    expect(first.zip.equals(second.zip)).toBe(true);
  });

  it('fails on a broken manifest, listing every problem by field', async () => {
    const dir = manifestCopy((m) => {
      delete m.developer.privacyUrl;
      delete m.supportsChannelFeatures;
    });
    const problems = await packagingProblems(dir);
    expect(problems).toContain('manifest.json /developer/privacyUrl: is required but missing');
    expect(problems.some((p) => p.startsWith('manifest.json /supportsChannelFeatures: must be "tier1"'))).toBe(true);
  });

  it('fails on a placeholder packaging cannot fill', async () => {
    const dir = manifestCopy((m) => {
      m.developer.name = '${{DEVELOPER_NAME}}';
    });
    const problems = await packagingProblems(dir);
    expect(problems[0]).toBe(
      'manifest.json: placeholder ${{DEVELOPER_NAME}} has no value (packaging fills MICROSOFT_APP_ID, BOT_DOMAIN, TEAMS_APP_ID, APP_VERSION)',
    );
  });

  it('fails on a manifest that is not JSON', async () => {
    const dir = manifestCopy();
    writeFileSync(join(dir, 'manifest.json'), '{ "manifestVersion": ');
    const problems = await packagingProblems(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json: is not valid JSON/);
  });

  it('fails on icons of the wrong size or with an opaque outline', async () => {
    const dir = manifestCopy();
    const square = (size: number) => {
      const image = new PNG({ width: size, height: size });
      image.data.fill(255);
      return PNG.sync.write(image, { colorType: 6 });
    };
    writeFileSync(join(dir, 'color.png'), square(96));
    writeFileSync(join(dir, 'outline.png'), square(32));
    expect(await packagingProblems(dir)).toEqual([
      'color.png (icons.color): must be 192×192 pixels, found 96×96',
      'outline.png (icons.outline): has no transparent pixels; the outline icon must be white on a transparent background',
    ]);
  });

  it('fails when an icon file is missing or is not a plain file name', async () => {
    const dir = manifestCopy((m) => {
      m.icons = { color: 'missing.png', outline: '../outline.png' };
    });
    expect(await packagingProblems(dir)).toEqual([
      `missing.png: not found in ${dir} (named by manifest.json /icons/color)`,
      'manifest.json /icons/outline: must be a .png file name in the manifest folder, with no path (got "../outline.png")',
    ]);
  });
});

describe('npm run package (the CLI)', () => {
  function runCli(args: string[], vars: Record<string, string>) {
    const env: Record<string, string | undefined> = { ...process.env, ...vars };
    for (const name of ['MicrosoftAppId', 'BOT_DOMAIN', 'TEAMS_APP_ID', 'APP_VERSION']) if (!(name in vars)) delete env[name];
    const emptyEnvFile = join(tempDir(), 'empty.env');
    writeFileSync(emptyEnvFile, '');
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/package-app.ts', '--env-file', emptyEnvFile, ...args], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
  }

  it('stops with one friendly line per missing variable', () => {
    const out = join(tempDir(), 'appPackage.zip');
    const result = runCli(['--out', out], { BOT_DOMAIN });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      "error: MicrosoftAppId is not set: set it to the bot's Microsoft App ID (Azure Bot > Configuration) in the environment or in .env",
      'packaging failed: 1 problem(s), nothing was written',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the package and says what it did', async () => {
    const out = join(tempDir(), 'nested', 'appPackage.zip');
    const result = runCli(['--out', out], { MicrosoftAppId: BOT_ID, BOT_DOMAIN, APP_VERSION: '3.1.4' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Teams app package written: ${out}`);
    expect(result.stdout).toMatch(/manifest: +1\.30, validated against .*v1\.30\/MicrosoftTeams\.schema\.json/);
    expect(result.stdout).toMatch(/app version: +3\.1\.4/);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '')).toMatchObject({ version: '3.1.4' });
  });

  it('rejects unknown options with usage', () => {
    const result = runCli(['--outt', 'x.zip'], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: npm run package');
  });
});
