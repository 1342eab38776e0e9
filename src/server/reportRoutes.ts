/**
 * GET /reports/:token: the checklist export behind a signed, expiring link.
 *
 * The token itself is the permission (see checklist/reportLinks.ts). Refusals
 * are one plain sentence for a person who clicked a link in Teams: expired
 * links get 410 and an invitation to export again, anything else 403; neither
 * says more than that.
 */
import type { Response } from 'restify';
import { renderReport, reportFileName, REPORT_CONTENT_TYPES } from '../checklist/report.js';
import type { ReportLinks } from '../checklist/reportLinks.js';
import type { ChecklistDefinition } from '../checklist/definition.js';
import type { Logger } from '../logging.js';
import type { AssessmentStore } from '../storage/assessmentStore.js';
import type { HttpRoute } from './httpServer.js';

function sendText(res: Response, status: number, text: string) {
  const body = `${text}\n`;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function reportRoutes(options: { links: ReportLinks; store: AssessmentStore; definition?: ChecklistDefinition; log: Logger; now?: () => Date }): HttpRoute[] {
  const { links, store, definition, log } = options;
  return [
    {
      method: 'get',
      path: '/reports/:token',
      async handle(req, res) {
        const token = String((req.params as { token?: unknown }).token ?? '').slice(0, 2048);
        const now = options.now?.() ?? new Date();
        const check = links.verify(token, now);
        if (!check.ok) {
          log.info({ event: 'report_link_refused', reason: check.reason }, 'report link refused');
          if (check.reason === 'expired') sendText(res, 410, 'This download link has expired. In Teams, open the checklist summary and press Export for a new link.');
          else sendText(res, 403, 'This download link is not valid. In Teams, open the checklist summary and press Export for a new link.');
          return;
        }
        const assessment = await store.get(check.assessmentId);
        if (!assessment || !definition) {
          sendText(res, 404, 'That assessment is no longer available.');
          return;
        }
        const snapshot = await store.snapshot(assessment.id);
        const body = renderReport(check.format, definition, snapshot, { generatedAt: now });
        // A byte-order mark lets Excel open the CSV as UTF-8 (en dashes, apostrophes).
        const bytes = Buffer.from(check.format === 'csv' ? `\ufeff${body}` : body, 'utf8');
        log.info({ event: 'report_downloaded', format: check.format, assessment: assessment.id }, 'report downloaded');
        res.writeHead(200, {
          'Content-Type': REPORT_CONTENT_TYPES[check.format],
          'Content-Disposition': `attachment; filename="${reportFileName(snapshot, check.format, now)}"`,
          'Content-Length': bytes.length,
        });
        res.end(bytes);
      },
    },
  ];
}
