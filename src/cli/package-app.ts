/**
 * `npm run package`: builds dist/appPackage.zip, the file an administrator uploads to Microsoft Teams.
 *
 * Reads MicrosoftAppId and BOT_DOMAIN (plus optional TEAMS_APP_ID and APP_VERSION) from the
 * environment or .env, fills manifest/manifest.json, validates it against the Teams schema bundled
 * with @microsoft/app-manifest (no network), checks the icons and writes the zip. Any problem is
 * printed on its own line and the command exits non-zero without writing anything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PackagingConfigError, parsePackagingConfig, readPackagingEnvironment } from '../teamsApp/config.js';
import { buildAppPackage, PackagingError, writeAppPackage } from '../teamsApp/packageApp.js';
import { schemaFileFor, schemaPackageVersion } from '../teamsApp/validateManifest.js';

const USAGE = `Usage: npm run package -- [--out <zip>] [--env-file <file>] [--manifest-dir <dir>]

Builds the Microsoft Teams app package for LSCP Assistant.

  --out <zip>           where to write the package (default dist/appPackage.zip)
  --env-file <file>     read variables from this file as well as the environment (default .env, if present)
  --manifest-dir <dir>  folder holding manifest.json, color.png and outline.png (default manifest)

Variables: MicrosoftAppId (the Azure Bot's app id), BOT_DOMAIN (host name the bot is reached at),
optional TEAMS_APP_ID and APP_VERSION (defaults to the version in package.json).`;

function packageJsonVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '';
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

export async function main(argv: string[]): Promise<number> {
  let values: { out?: string; 'env-file'?: string; 'manifest-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        'env-file': { type: 'string' },
        'manifest-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const outFile = resolve(values.out ?? 'dist/appPackage.zip');
  const manifestDir = resolve(values['manifest-dir'] ?? 'manifest');
  try {
    const env = readPackagingEnvironment(values['env-file']);
    const config = parsePackagingConfig(env, { appVersion: packageJsonVersion() });
    const appPackage = await buildAppPackage({ manifestDir, config });
    await writeAppPackage(outFile, appPackage);

    const manifestVersion = String(appPackage.manifest.manifestVersion);
    console.log(`Teams app package written: ${shortPath(outFile)} (${formatSize(appPackage.zip.length)})`);
    const rows: Array<[string, string]> = [
      ['contents', appPackage.files.join(', ')],
      ['manifest', `${manifestVersion}, validated against ${shortPath(schemaFileFor(manifestVersion))} (@microsoft/app-manifest ${schemaPackageVersion()})`],
      ['app version', config.appVersion],
      ['Teams app id', config.teamsAppId],
      ['bot app id', `${config.botId} (MicrosoftAppId)`],
      ['bot domain', config.botDomain],
    ];
    for (const [label, value] of rows) console.log(`  ${`${label}:`.padEnd(14)}${value}`);
    console.log('Upload it in the Teams admin centre (Teams apps > Manage apps > Upload new app); see docs/deploy-teams.md.');
    return 0;
  } catch (error) {
    if (error instanceof PackagingConfigError || error instanceof PackagingError) {
      for (const problem of error.problems) console.error(`error: ${problem}`);
      const stale = existsSync(outFile) ? `; ${shortPath(outFile)} is from an earlier run` : '';
      console.error(`packaging failed: ${error.problems.length} problem(s), nothing was written${stale}`);
      return 1;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
