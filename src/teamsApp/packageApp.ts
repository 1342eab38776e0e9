/**
 * App package: builds the zip an administrator uploads to Teams (manifest.json plus the two icons).
 *
 * Nothing is written unless the filled-in manifest validates and both icons pass, so a package on
 * disk is always one Teams should accept. Every problem found is reported, not just the first.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { placeholderValues, type PackagingConfig } from './config.js';
import { checkColorIcon, checkOutlineIcon } from './icons.js';
import { fillPlaceholders } from './manifestTemplate.js';
import { validateManifest } from './validateManifest.js';

export class PackagingError extends Error {
  override name = 'PackagingError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  /** Names inside the zip, in the order written. */
  files: string[];
}

// A fixed timestamp makes the same inputs give the same zip, so rebuilding a release is checkable.
const ENTRY_DATE = new Date('2024-01-01T00:00:00Z');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Icons must sit next to manifest.json: Teams reads them from the root of the zip. */
function iconFileName(icons: unknown, key: 'color' | 'outline', problems: string[]): string | undefined {
  if (!isRecord(icons) || typeof icons[key] !== 'string') return undefined; // the schema check reports this
  const name = icons[key];
  if (!/^[A-Za-z0-9._-]+\.png$/.test(name)) {
    problems.push(`manifest.json /icons/${key}: must be a .png file name in the manifest folder, with no path (got "${name}")`);
    return undefined;
  }
  return name;
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Fill, validate and zip the app in `manifestDir`; throws PackagingError listing every problem. */
export async function buildAppPackage(options: { manifestDir: string; config: PackagingConfig }): Promise<AppPackage> {
  const { manifestDir, config } = options;
  const templatePath = join(manifestDir, 'manifest.json');
  const template = await readIfPresent(templatePath);
  if (template === undefined) throw new PackagingError([`manifest.json: not found at ${templatePath}`]);

  const values = placeholderValues(config);
  const filled = fillPlaceholders(template.toString('utf8'), values);
  const problems = filled.missing.map(
    (name) => `manifest.json: placeholder \${{${name}}} has no value (packaging fills ${Object.keys(values).join(', ')})`,
  );

  let manifest: unknown;
  try {
    manifest = JSON.parse(filled.text);
  } catch (error) {
    throw new PackagingError([...problems, `manifest.json: is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  if (!isRecord(manifest)) throw new PackagingError([...problems, 'manifest.json: must be a JSON object']);

  problems.push(...validateManifest(manifest, { botId: config.botId, botDomain: config.botDomain }));

  const icons: Array<[string, Buffer]> = [];
  const checks = { color: checkColorIcon, outline: checkOutlineIcon } as const;
  for (const key of ['color', 'outline'] as const) {
    const name = iconFileName(manifest.icons, key, problems);
    if (name === undefined) continue;
    const bytes = await readIfPresent(join(manifestDir, name));
    if (bytes === undefined) {
      problems.push(`${name}: not found in ${manifestDir} (named by manifest.json /icons/${key})`);
      continue;
    }
    problems.push(...checks[key](`${name} (icons.${key})`, bytes));
    if (!icons.some(([existing]) => existing === name)) icons.push([name, bytes]);
  }

  if (problems.length > 0) throw new PackagingError(problems);

  const zip = new JSZip();
  const files = ['manifest.json', ...icons.map(([name]) => name)];
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ENTRY_DATE });
  for (const [name, bytes] of icons) zip.file(name, bytes, { date: ENTRY_DATE, binary: true });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  return { zip: bytes, manifest, files };
}

/** Write the zip, creating its folder if needed. */
export async function writeAppPackage(outFile: string, appPackage: AppPackage): Promise<void> {
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, appPackage.zip);
}
