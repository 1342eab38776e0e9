/**
 * Manifest template: fills the `${{NAME}}` placeholders in manifest/manifest.json.
 *
 * The syntax is the Microsoft 365 Agents Toolkit's, so the same file works with `npm run package`
 * and with the toolkit's own teamsApp/zipAppPackage action.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface FilledTemplate {
  text: string;
  /** Placeholder names that had no value, each listed once. */
  missing: string[];
}

/**
 * Replace placeholders with their values. Values are JSON-escaped because every placeholder in a
 * manifest sits inside a JSON string; an unescaped quote would silently break the file.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): FilledTemplate {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, missing: [...missing] };
}

/** True when a string still holds a `${{...}}` placeholder. */
export function hasPlaceholder(value: string): boolean {
  return /\$\{\{[^}]*\}\}/.test(value);
}
