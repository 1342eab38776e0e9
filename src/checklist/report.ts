/**
 * The exported assessment: a Markdown report (summary, candidate actions, every
 * answer with its evidence note) and a CSV of every item for spreadsheets.
 *
 * Partners attach these to the scrutiny plan or the yearly report, so the text
 * a user typed is escaped: it must read as text in a Markdown viewer and can
 * never run as a formula when the CSV is opened in Excel.
 */
import { ANSWER_LABELS, type ChecklistDefinition } from './definition.js';
import { formatDate, formatDateTime, spreadsheetDateTime } from './format.js';
import { buildSummary, contributorLine, type Summary } from './summary.js';
import type { AssessmentSnapshot } from './types.js';

export type ReportFormat = 'md' | 'csv';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface ReportOptions {
  generatedAt: Date;
}

/** A file name people recognise in their downloads folder: cis-anytown-scp-2025-03-03.md */
export function reportFileName(snapshot: Pick<AssessmentSnapshot, 'assessment'>, format: ReportFormat, generatedAt: Date): string {
  const slug =
    snapshot.assessment.partnershipName
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'assessment';
  return `cis-${slug}-${generatedAt.toISOString().slice(0, 10)}.${format}`;
}

export function renderReport(format: ReportFormat, def: ChecklistDefinition, snapshot: AssessmentSnapshot, options: ReportOptions): string {
  return format === 'md' ? renderMarkdown(def, snapshot, options) : renderCsv(def, snapshot);
}

// ---------------------------------------------------------------- Markdown

/** Make user text inert in Markdown: no emphasis, links, HTML, headings or table breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/^([-+=]|\d+\.)(?=\s|$)/gm, '\\$1')
    .replace(/\r\n?/g, '\n');
}

/** One line of a table cell: line breaks become spaces. */
const cell = (text: string) => escapeMarkdown(text).replace(/\s*\n\s*/g, ' ');

export function renderMarkdown(def: ChecklistDefinition, snapshot: AssessmentSnapshot, options: ReportOptions): string {
  const { assessment, answers } = snapshot;
  const summary = buildSummary(def, snapshot);
  const out: string[] = [];
  const name = cell(assessment.partnershipName);

  out.push(`# Checklist for Independent Scrutiny: ${name}`, '');
  out.push(
    `- **Assessment:** ${assessment.id}`,
    `- **Checklist:** ${cell(def.title)}, version ${assessment.checklistVersion}`,
    `- **Status:** ${statusText(snapshot)}`,
    `- **Started:** by ${cell(assessment.createdByName)} on ${formatDateTime(assessment.createdAt)}`,
    `- **Progress:** ${summary.totals.answered} of ${summary.totals.total} items answered`,
    `- **Contributors:** ${cell(contributorLine(summary.contributors))}`,
    `- **Exported:** ${formatDateTime(options.generatedAt.toISOString())}`,
    '',
    `> ${cell(def.status)}`,
    '',
  );

  out.push('## Summary by section', '');
  out.push(`| Section | ${ANSWER_LABELS.yes} | ${ANSWER_LABELS.partly} | ${ANSWER_LABELS.no} | ${cell(ANSWER_LABELS['dont-know'])} | Not answered |`);
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const s of summary.sections) {
    out.push(`| ${s.id}. ${cell(s.title)} | ${s.counts.yes} | ${s.counts.partly} | ${s.counts.no} | ${s.counts['dont-know']} | ${s.counts.unanswered} |`);
  }
  const t = summary.totals;
  out.push(`| **All sections** | **${t.yes}** | **${t.partly}** | **${t.no}** | **${t['dont-know']}** | **${t.unanswered}** |`, '');

  out.push('## Candidate actions (No and Partly)', '');
  if (summary.candidateActions.length === 0) out.push('None.', '');
  else {
    out.push('| Item | Answer | Question | Owner | Due |', '|---|---|---|---|---|');
    for (const a of summary.candidateActions) {
      out.push(`| ${a.itemId} | ${ANSWER_LABELS[a.answer.value]} | ${cell(a.question)} | ${a.owner ? cell(a.owner) : '—'} | ${a.dueDate ? formatDate(a.dueDate) : '—'} |`);
    }
    out.push('');
  }

  out.push("## To follow up (Don't know)", '');
  out.push(...listOrNone(summary.followUps.map((f) => `- **${f.itemId}** ${cell(f.question)}`)));

  out.push('## Not yet answered', '');
  out.push(...listOrNone(summary.unanswered.map((u) => `- **${u.itemId}** ${cell(u.question)}`)));

  out.push('## All answers', '');
  for (const section of def.sections) {
    out.push(`### ${section.id}. ${cell(section.title)}`, '');
    for (const item of section.items) {
      const answer = answers.get(item.id);
      out.push(`#### ${item.id}${item.timeSensitive ? ' (relies on Working Together 2023)' : ''}`, '', escapeMarkdown(item.question), '');
      if (!answer) {
        out.push('- **Answer:** not answered', '');
        continue;
      }
      out.push(`- **Answer:** ${cell(ANSWER_LABELS[answer.value])}`, `- **Answered by:** ${cell(answer.byName)} on ${formatDateTime(answer.at)}`);
      const action = snapshot.actions.get(item.id);
      if ((answer.value === 'no' || answer.value === 'partly') && (action?.owner || action?.dueDate)) {
        out.push(`- **Action:** owner ${action.owner ? cell(action.owner) : 'not set'}, due ${action.dueDate ? formatDate(action.dueDate) : 'not set'}`);
      }
      if (answer.note) {
        out.push('- **Evidence note:**', '', ...escapeMarkdown(answer.note).split('\n').map((line) => `  > ${line}`.trimEnd()));
      }
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function listOrNone(lines: string[]): string[] {
  return lines.length === 0 ? ['None.', ''] : [...lines, ''];
}

function statusText({ assessment, events }: Pick<AssessmentSnapshot, 'assessment' | 'events'>): string {
  if (assessment.status === 'signed_off' && assessment.signedOffAt) {
    return `Signed off by ${cell(assessment.signedOffByName ?? 'unknown')} on ${formatDateTime(assessment.signedOffAt)}`;
  }
  const reopened = [...events].reverse().find((e) => e.kind === 'reopened');
  return reopened ? `In progress (reopened by ${cell(reopened.byName)} on ${formatDateTime(reopened.at)})` : 'In progress';
}

// ---------------------------------------------------------------- CSV

const CSV_HEADER = [
  'Section',
  'Section title',
  'Item',
  'Question',
  'Answer',
  'Evidence note',
  'Answered by',
  'Answered at (UK time)',
  'Candidate action',
  'Action owner',
  'Action due',
  'Follow up',
];

/**
 * One spreadsheet cell. Quoted when it holds a comma, quote or line break
 * (RFC 4180). A cell a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe so it stays text.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(',');
}

export function renderCsv(def: ChecklistDefinition, snapshot: AssessmentSnapshot, summary: Summary = buildSummary(def, snapshot)): string {
  const actionIds = new Set(summary.candidateActions.map((a) => a.itemId));
  const followUpIds = new Set(summary.followUps.map((f) => f.itemId));
  const rows = [csvRow(CSV_HEADER)];
  for (const section of def.sections) {
    for (const item of section.items) {
      const answer = snapshot.answers.get(item.id);
      const action = actionIds.has(item.id) ? snapshot.actions.get(item.id) : undefined;
      rows.push(
        csvRow([
          section.id,
          section.title,
          item.id,
          item.question,
          answer ? ANSWER_LABELS[answer.value] : 'Not answered',
          answer?.note ?? '',
          answer?.byName ?? '',
          answer ? spreadsheetDateTime(answer.at) : '',
          actionIds.has(item.id) ? 'Yes' : '',
          action?.owner ?? '',
          action?.dueDate ?? '',
          followUpIds.has(item.id) ? 'Yes' : '',
        ]),
      );
    }
  }
  // CRLF line ends, as RFC 4180 and Excel expect.
  return `${rows.join('\r\n')}\r\n`;
}
