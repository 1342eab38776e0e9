/**
 * `npm run -s report -- national [--format csv|json]` and
 * `npm run -s report -- themes [--days 30] [--format csv|json]`: the national
 * picture and the recurring themes from the database the configuration names,
 * with the same small-number suppression as the cards (suppressed CSV cells
 * are empty). Nothing printed names a partnership or a person.
 */
import { nationalCsv, nationalJson, themesCsv, themesJson } from '../insight/export.js';
import { loadNationalPicture } from '../insight/national.js';
import { DEFAULT_THEME_DAYS, loadThemesReport, MAX_THEME_DAYS } from '../insight/themes.js';
import { noChecklist, withCliStorage, type CliIo } from './cliSupport.js';

export const INSIGHT_USAGE = `       npm run -s report -- national [--format csv|json]
       npm run -s report -- themes [--days ${DEFAULT_THEME_DAYS}] [--format csv|json]`;

export type InsightReport = 'national' | 'themes';

export function isInsightReport(target: string): target is InsightReport {
  return target === 'national' || target === 'themes';
}

export async function runInsightReport(target: InsightReport, options: { format?: string; days?: string }, env: Record<string, string | undefined>, io: CliIo, now: Date): Promise<number> {
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    io.err(`--format must be csv or json for the ${target} report (got "${format}").\n`);
    return 2;
  }
  const days = options.days === undefined ? DEFAULT_THEME_DAYS : Number(options.days);
  if (target === 'national' && options.days !== undefined) {
    io.err('--days is for the themes report; the national picture is always as it stands now.\n');
    return 2;
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_THEME_DAYS) {
    io.err(`--days must be a whole number from 1 to ${MAX_THEME_DAYS} (got "${options.days}").\n`);
    return 2;
  }
  return withCliStorage(env, io, async ({ config, storage, checklist: definition }) => {
    const min = config.nationalMinPartnerships;
    if (target === 'themes') {
      const report = await loadThemesReport(storage.themes, { def: definition, days, min, today: now });
      io.out(format === 'csv' ? themesCsv(report) : themesJson(report, now));
      return 0;
    }
    if (!definition) return noChecklist(config, io);
    const picture = await loadNationalPicture(storage.national, definition, min);
    io.out(format === 'csv' ? nationalCsv(picture) : nationalJson(picture, now));
    return 0;
  });
}
