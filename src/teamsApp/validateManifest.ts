/**
 * Manifest validation: the official Teams JSON schema plus the rules the schema cannot express.
 *
 * The schemas come from the `@microsoft/app-manifest` package (build/json-schemas/teams/v1.x), so
 * validation never touches the network; that package's own helper downloads any schema it does not
 * recognise, which is why we drive ajv ourselves. Problems come back as one line each, naming the
 * field as a JSON pointer, e.g. `manifest.json /developer/privacyUrl: is required but missing`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { hasPlaceholder } from './manifestTemplate.js';

/** 1.25 is the first version with supportsChannelFeatures, which team-scoped apps now need. */
export const MIN_MANIFEST_VERSION = '1.25';
/** Teams shows at most 12 bot commands per scope (enforced since manifest 1.24). */
export const MAX_BOT_COMMANDS_PER_SCOPE = 12;

type Json = Record<string, unknown>;

const requireFromHere = createRequire(import.meta.url);
const appManifestRoot = dirname(requireFromHere.resolve('@microsoft/app-manifest/package.json'));
const teamsSchemaRoot = join(appManifestRoot, 'build', 'json-schemas', 'teams');

// ajv-formats is CommonJS with a `default` property; under NodeNext the default import is the whole module.
const addFormats = addFormatsModule.default;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function versionKey(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compareVersions(a: string, b: string): number {
  const [a1, a2] = versionKey(a) ?? [0, 0];
  const [b1, b2] = versionKey(b) ?? [0, 0];
  return a1 - b1 || a2 - b2;
}

/** Manifest versions (1.25 or later) whose schema ships with @microsoft/app-manifest, oldest first. */
export function bundledSchemaVersions(): string[] {
  return readdirSync(teamsSchemaRoot)
    .map((dir) => /^v(\d+\.\d+)$/.exec(dir)?.[1])
    .filter((v): v is string => v !== undefined && compareVersions(v, MIN_MANIFEST_VERSION) >= 0)
    .sort(compareVersions);
}

/** Absolute path of the bundled schema for a manifest version. */
export function schemaFileFor(version: string): string {
  return join(teamsSchemaRoot, `v${version}`, 'MicrosoftTeams.schema.json');
}

/** The `$schema` URL a manifest of this version should declare. */
export function schemaUrlFor(version: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
}

/** Version of the @microsoft/app-manifest package the schemas come from, for reporting. */
export function schemaPackageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(appManifestRoot, 'package.json'), 'utf8'));
  return isRecord(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/**
 * The Teams schemas declare draft-04 but use `const`, a later keyword; ajv's default engine reads
 * them correctly as long as none of the keywords whose meaning changed after draft-04 appear.
 * Checking that here means a future schema that does use them fails loudly instead of validating
 * differently.
 */
function assertReadableAsDraft07(node: unknown, where: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => assertReadableAsDraft07(item, `${where}/${i}`));
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      throw new Error(`schema uses draft-04 boolean ${key} at ${where}; the validator needs updating`);
    }
    if (key === 'id' && typeof value === 'string') {
      throw new Error(`schema uses draft-04 "id" at ${where}; the validator needs updating`);
    }
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    assertReadableAsDraft07(value, `${where}/${key}`);
  }
}

const compiled = new Map<string, ValidateFunction>();

function schemaValidator(version: string): ValidateFunction {
  const cached = compiled.get(version);
  if (cached) return cached;
  const schema: unknown = JSON.parse(readFileSync(schemaFileFor(version), 'utf8'));
  if (!isRecord(schema)) throw new Error(`schema for manifest ${version} is not a JSON object`);
  assertReadableAsDraft07(schema, '#');
  const { $schema: _declaredDraft, ...body } = schema;
  // strict is off because the published schemas carry harmless oddities (e.g. `minimum` on an array).
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  const validate = ajv.compile(body);
  compiled.set(version, validate);
  return validate;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return ` (got "${value.length > 60 ? `${value.slice(0, 57)}...` : value}")`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return ` (got ${String(value)})`;
  return '';
}

const FRIENDLY_PATTERNS: Record<string, string> = {
  '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$': 'must be a GUID such as 00000000-0000-0000-0000-000000000000',
  '^[Hh][Tt][Tt][Pp][Ss]?://': 'must be a web address starting with https://',
  '^[Hh][Tt][Tt][Pp][Ss]://': 'must be a web address starting with https://',
  '^#[0-9a-fA-F]{6}$': 'must be a colour such as #1D3F6E',
};

function describeSchemaError(error: ErrorObject, version: string): string {
  const at = error.instancePath;
  const p = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      return `manifest.json ${at}/${String(p.missingProperty)}: is required but missing`;
    case 'additionalProperties':
      return `manifest.json ${at}/${String(p.additionalProperty)}: is not a field of the ${version} manifest (check the spelling)`;
    case 'const':
      return `manifest.json ${at || '/'}: must be ${JSON.stringify(p.allowedValue)}${shown(data)}`;
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map((v) => JSON.stringify(v)).join(', ') : '';
      return `manifest.json ${at || '/'}: must be one of ${allowed}${shown(data)}`;
    }
    case 'maxItems':
    case 'minItems': {
      const count = Array.isArray(data) ? data.length : '?';
      const bound = error.keyword === 'maxItems' ? 'at most' : 'at least';
      return `manifest.json ${at}: has ${count} entries; ${bound} ${String(p.limit)} allowed`;
    }
    case 'maxLength':
    case 'minLength': {
      const length = typeof data === 'string' ? data.length : '?';
      const bound = error.keyword === 'maxLength' ? 'at most' : 'at least';
      return `manifest.json ${at}: is ${length} characters long; ${bound} ${String(p.limit)} allowed`;
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      return `manifest.json ${at}: ${FRIENDLY_PATTERNS[pattern] ?? `must match ${pattern}`}${shown(data)}`;
    }
    default:
      return `manifest.json ${at || '/'}: ${error.message ?? error.keyword}${shown(data)}`;
  }
}

function pointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function visitStrings(node: unknown, at: Array<string | number>, visit: (value: string, at: string) => void): void {
  if (typeof node === 'string') visit(node, pointer(at));
  else if (Array.isArray(node)) node.forEach((item, i) => visitStrings(item, [...at, i], visit));
  else if (isRecord(node)) for (const [k, v] of Object.entries(node)) visitStrings(v, [...at, k], visit);
}

const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** What the package is being built for; checked only when given. */
export interface ManifestExpectations {
  botId?: string;
  botDomain?: string;
}

/** Our own rules: the ones that matter for this bot and that the schema cannot say. */
function ruleProblems(manifest: Json, version: string | undefined, expect: ManifestExpectations): string[] {
  const problems: string[] = [];
  const add = (at: string, message: string) => problems.push(`manifest.json ${at}: ${message}`);

  if (version !== undefined && typeof manifest.$schema === 'string' && manifest.$schema !== schemaUrlFor(version)) {
    add('/$schema', `should be ${schemaUrlFor(version)} to match manifestVersion ${version}${shown(manifest.$schema)}`);
  }
  const appVersion = manifest.version;
  if (typeof appVersion === 'string' && !hasPlaceholder(appVersion) && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(appVersion)) {
    add('/version', `must be three numbers such as 1.4.0${shown(appVersion)}`);
  }

  visitStrings(manifest, [], (value, at) => {
    if (hasPlaceholder(value)) add(at, `placeholder was not filled in${shown(value)}`);
  });

  const bots = records(manifest.bots);
  const usesTeamScope =
    bots.some((bot) => strings(bot.scopes).includes('team')) ||
    records(manifest.configurableTabs).length > 0 ||
    records(manifest.staticTabs).some((tab) => strings(tab.scopes).includes('team'));
  if (usesTeamScope && manifest.supportsChannelFeatures !== 'tier1') {
    const got = manifest.supportsChannelFeatures === undefined ? ' but it is missing' : shown(manifest.supportsChannelFeatures);
    add('/supportsChannelFeatures', `must be "tier1" because the app is available in teams (required from manifest 1.25)${got}`);
  }

  bots.forEach((bot, b) => {
    const perScope = new Map<string, string[]>();
    records(bot.commandLists).forEach((list) => {
      const titles = records(list.commands).map((c) => (typeof c.title === 'string' ? c.title.trim().toLowerCase() : ''));
      for (const scope of strings(list.scopes)) perScope.set(scope, [...(perScope.get(scope) ?? []), ...titles]);
    });
    for (const [scope, titles] of perScope) {
      if (titles.length > MAX_BOT_COMMANDS_PER_SCOPE) {
        add(`/bots/${b}/commandLists`, `has ${titles.length} commands for the ${scope} scope; Teams allows at most ${MAX_BOT_COMMANDS_PER_SCOPE}`);
      }
      const dupes = [...new Set(titles.filter((t, i) => t !== '' && titles.indexOf(t) !== i))];
      if (dupes.length > 0) add(`/bots/${b}/commandLists`, `lists the ${scope} command "${dupes.join('", "')}" more than once`);
    }
    if (expect.botId && typeof bot.botId === 'string' && bot.botId.toLowerCase() !== expect.botId.toLowerCase()) {
      add(`/bots/${b}/botId`, `must be MicrosoftAppId ${expect.botId}${shown(bot.botId)}`);
    }
  });

  const botIds = new Set(bots.map((bot) => (typeof bot.botId === 'string' ? bot.botId.toLowerCase() : '')));
  records(manifest.composeExtensions).forEach((extension, i) => {
    const id = typeof extension.botId === 'string' ? extension.botId.toLowerCase() : undefined;
    if (id !== undefined && bots.length > 0 && !botIds.has(id)) {
      add(`/composeExtensions/${i}/botId`, `must be the same bot as bots[0].botId, which handles the message extension${shown(extension.botId)}`);
    }
  });

  const domains = strings(manifest.validDomains);
  domains.forEach((domain, i) => {
    if (domain.includes('://') || domain.includes('/')) add(`/validDomains/${i}`, `must be a host name only, without https:// or a path${shown(domain)}`);
  });
  if (expect.botDomain && !domains.some((d) => d.toLowerCase() === expect.botDomain?.toLowerCase())) {
    add('/validDomains', `must include the bot domain ${expect.botDomain}`);
  }

  if (isRecord(manifest.developer)) {
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const url = manifest.developer[key];
      if (typeof url === 'string' && !/^https:\/\//i.test(url)) add(`/developer/${key}`, `must start with https://${shown(url)}`);
    }
  }
  return problems;
}

/**
 * Validate a parsed manifest. Returns one line per problem; an empty list means the manifest is
 * valid against the bundled schema for its manifestVersion and against our rules.
 */
export function validateManifest(manifest: unknown, expect: ManifestExpectations = {}): string[] {
  if (!isRecord(manifest)) return ['manifest.json: must be a JSON object'];
  const bundled = bundledSchemaVersions();
  const latest = bundled[bundled.length - 1];
  if (latest === undefined) throw new Error(`no Teams manifest schemas ${MIN_MANIFEST_VERSION} or later found under ${teamsSchemaRoot}`);

  const problems: string[] = [];
  const declared = manifest.manifestVersion;
  let version = latest;
  if (declared === undefined) {
    problems.push('manifest.json /manifestVersion: is required but missing');
  } else if (typeof declared !== 'string' || !bundled.includes(declared)) {
    const range = `${bundled[0]}-${latest}`;
    const tooOld = typeof declared === 'string' && versionKey(declared) !== undefined && compareVersions(declared, MIN_MANIFEST_VERSION) < 0;
    problems.push(
      tooOld
        ? `manifest.json /manifestVersion: ${declared} is too old; use ${MIN_MANIFEST_VERSION} or later (bundled schemas: ${range})`
        : `manifest.json /manifestVersion: must be a released version from ${MIN_MANIFEST_VERSION} on (bundled schemas: ${range})${shown(declared)}`,
    );
  } else {
    version = declared;
  }
  // With an unusable manifestVersion the rest is still checked against the newest schema, so that
  // one run reports everything; the schema's own complaint about the version is then a duplicate.
  const versionUsable = version === declared;

  const validate = schemaValidator(version);
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      if (!versionUsable && error.instancePath === '/manifestVersion') continue;
      if (!versionUsable && error.keyword === 'required' && (error.params as Json).missingProperty === 'manifestVersion') continue;
      // An unfilled placeholder is reported once, by name, below; its pattern failures would only add noise.
      if (typeof error.data === 'string' && hasPlaceholder(error.data)) continue;
      problems.push(describeSchemaError(error, version));
    }
  }
  problems.push(...ruleProblems(manifest, versionUsable ? version : undefined, expect));
  return [...new Set(problems)];
}
