/**
 * Problems: what `knowledge check` reports, one per line as `file:line: message`.
 *
 * Validation code never throws for a bad knowledge file; it records a problem and
 * carries on, so a facilitator sees every mistake in one run, and the bot can
 * still start with the documents that are fine.
 */
import { parseDocument, LineCounter, isNode, type Document } from 'yaml';
import type { ZodError } from 'zod';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the repository (or the knowledge directory's parent), forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
  severity: Severity;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** A YAML text parsed with enough bookkeeping to turn a data path back into a line number. */
export interface LocatedYaml {
  data: unknown;
  /** Line of a value (or of the nearest ancestor that exists), relative to the YAML text, 1-based. */
  lineOf(path: ReadonlyArray<string | number>): number;
  /** Syntax errors, with YAML-relative lines. */
  errors: { line: number; message: string }[];
}

export function parseLocatedYaml(text: string): LocatedYaml {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    return { data: undefined, lineOf: () => 1, errors: [{ line: 1, message: `cannot read YAML: ${String(err)}` }] };
  }
  const errors = doc.errors.map((e) => ({
    line: e.linePos?.[0]?.line ?? (e.pos ? lineCounter.linePos(e.pos[0]).line : 1),
    message: `YAML: ${firstLine(e.message)}`,
  }));
  let data: unknown;
  try {
    data = errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    errors.push({ line: 1, message: `YAML: ${firstLine(String(err))}` });
  }
  const lineOf = (path: ReadonlyArray<string | number>): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      // A key that exists with an empty value has no node; point at the key instead.
      if (n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
        const keyLine = keyLineOf(parent, path[n - 1], lineCounter);
        if (keyLine) return keyLine;
      }
    }
    return 1;
  };
  return { data, lineOf, errors };
}

function keyLineOf(parent: unknown, key: string | number | undefined, lc: LineCounter): number | undefined {
  const items = (parent as { items?: unknown[] } | undefined)?.items;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const k = (item as { key?: { value?: unknown; range?: [number, number, number] } }).key;
    if (k && k.value === key && k.range) return lc.linePos(k.range[0]).line;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** Turn zod issues into problems located in the YAML (lineOffset converts YAML-relative lines to file lines). */
export function zodProblems(
  error: ZodError,
  yaml: LocatedYaml,
  file: string,
  lineOffset: number,
  describe: (path: (string | number)[]) => string = describePath,
): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path;
    const where = describe(path);
    // One problem per unknown field, on that field's own line.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        line: yaml.lineOf([...path, key]) + lineOffset,
        message: `${where ? `${where}: ` : ''}unknown field "${key}"`,
        severity: 'error' as const,
      }));
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && issue.received === 'undefined') message = 'is required';
    else if (issue.code === 'invalid_enum_value') message = `must be one of: ${issue.options.join(', ')}`;
    return [
      {
        file,
        line: yaml.lineOf(path) + lineOffset,
        message: where ? `${where}: ${message}` : message,
        severity: 'error' as const,
      },
    ];
  });
}

/** ["terms", 3, "definition"] → "terms[3].definition" */
export function describePath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}
