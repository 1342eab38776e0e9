/**
 * Card rendering: JSON templates from `cards/` expanded with adaptivecards-templating.
 *
 * Templates are read and parsed once at start-up, so a missing or broken
 * template stops the bot before a user can meet it, and a turn never touches
 * the disk or parses an expression.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ACData from 'adaptivecards-templating';

/** An expanded Adaptive Card, ready to attach to a message or return from an invoke. */
export interface CardJson {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams renders up to 1.5; templates above it would fail silently on some clients. */
export const MAX_CARD_VERSION = 1.5;

export interface CardRenderer {
  render(name: string, data: object): CardJson;
  names(): string[];
}

/**
 * Parsing the templates' `${…}` expressions (adaptive-expressions' ANTLR parser, about 0.3 ms each)
 * was most of the cards' start-up cost, and the templates repeat about half of their ~500
 * expressions ("${title}", "${$root.cv}"). While they load, each distinct string is parsed once:
 * a parsed expression is only ever evaluated, never changed, so templates can share it.
 * The library's own parser is put back afterwards, so nothing else sees the difference.
 */
function withSharedExpressions<T>(load: () => T): T {
  const Template = ACData.Template;
  const parse = Template.parseInterpolatedString;
  const parsed = new Map<string, ReturnType<typeof parse>>();
  Template.parseInterpolatedString = (text: string) => {
    let expression = parsed.get(text);
    if (expression === undefined) {
      expression = parse.call(Template, text);
      parsed.set(text, expression);
    }
    return expression;
  };
  try {
    return load();
  } finally {
    Template.parseInterpolatedString = parse;
  }
}

export function loadCardTemplates(dir: string): CardRenderer {
  return withSharedExpressions(() => readTemplates(dir));
}

function readTemplates(dir: string): CardRenderer {
  const templates = new Map<string, ACData.Template>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const path = join(dir, file);
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`Card template ${path} is not valid JSON: ${(error as Error).message}`);
    }
    const card = payload as { type?: unknown; version?: unknown };
    if (card.type !== 'AdaptiveCard' || typeof card.version !== 'string' || Number(card.version) > MAX_CARD_VERSION) {
      throw new Error(`Card template ${path} must be an AdaptiveCard of version ${MAX_CARD_VERSION} or lower`);
    }
    templates.set(basename(file, '.json'), new ACData.Template(payload));
  }
  return {
    render(name, data) {
      const template = templates.get(name);
      if (!template) throw new Error(`No card template named "${name}"`);
      return template.expand({ $root: data }) as CardJson;
    },
    names: () => [...templates.keys()].sort(),
  };
}
