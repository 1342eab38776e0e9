/**
 * `npm run -s report -- <assessment id> [--format md|csv]`: print a checklist
 * assessment's report (Markdown by default, or CSV) to stdout, the same report
 * the bot's download links serve. `npm run -s report -- list` lists the
 * assessments, for facilitators who need an id. `national` and `themes` print
 * the anonymous national picture and recurring themes (src/cli/insightReports.ts).
 *
 * Reads the same settings as the bot (environment or .env), so it finds the
 * same database. A shortened id works when it is unambiguous.
 */
import { parseArgs } from 'node:util';
import { progress } from '../checklist/assessment.js';
import { renderReport, type ReportFormat } from '../checklist/report.js';
import { readEnvironment } from '../config.js';
import { noChecklist, processIo, runIfMain, withCliStorage, type CliIo } from './cliSupport.js';
import { INSIGHT_USAGE, isInsightReport, runInsightReport } from './insightReports.js';

const USAGE = `Usage: npm run -s report -- <assessment id> [--format md|csv]
       npm run -s report -- list
${INSIGHT_USAGE}

Prints a checklist assessment's report to standard output: the summary and every
answer with its evidence note, as Markdown (default) or CSV. "list" shows every
assessment with its id, partnership, status and progress. "national" prints the
anonymous national picture of the checklist and "themes" what questions were
about (CSV by default, or JSON), with figures about fewer than
NATIONAL_MIN_PARTNERSHIPS partnerships left empty.`;

/** Runs the command; returns the exit code. */
export async function runReportCli(argv: string[], env: Record<string, string | undefined>, io: CliIo = processIo, now = new Date()): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', short: 'f' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [target, ...extra] = args.positionals;
  if (args.values.help || !target || extra.length > 0) {
    (args.values.help ? io.out : io.err)(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  if (isInsightReport(target)) return runInsightReport(target, args.values, env, io, now);
  const format = args.values.format ?? 'md';
  if (args.values.days !== undefined) {
    io.err('--days is for the themes report.\n');
    return 2;
  }
  if (format !== 'md' && format !== 'csv') {
    io.err(`--format must be md or csv (got "${format}").\n`);
    return 2;
  }

  return withCliStorage(env, io, async ({ config, storage, checklist: definition }) => {
    if (!definition) return noChecklist(config, io);
    if (target === 'list') {
      const all = await storage.assessments.list();
      if (all.length === 0) {
        io.out('No assessments yet.\n');
        return 0;
      }
      const total = progress(definition, new Map()).total;
      for (const a of all) {
        const status = a.status === 'signed_off' ? `signed off ${a.signedOffAt?.slice(0, 10) ?? ''}`.trim() : 'in progress';
        io.out(`${a.id}\t${a.partnershipName}\t${status}\t${a.answered} of ${total} answered\t${a.ownerKind}\tstarted ${a.createdAt.slice(0, 10)}\n`);
      }
      return 0;
    }
    const found = await storage.assessments.get(target);
    const matches = found ? [found] : target.length >= 6 ? await storage.assessments.findByIdPrefix(target) : [];
    if (matches.length !== 1) {
      io.err(
        matches.length === 0
          ? `No assessment with id "${target}". Run "npm run -s report -- list" to see them.\n`
          : `"${target}" matches more than one assessment (${matches.map((m) => m.id).join(', ')}); give more of the id.\n`,
      );
      return 1;
    }
    const snapshot = await storage.assessments.snapshot(matches[0]!.id);
    io.out(renderReport(format as ReportFormat, definition, snapshot, { generatedAt: now }));
    return 0;
  });
}

await runIfMain(import.meta.url, () => runReportCli(process.argv.slice(2), readEnvironment()));
