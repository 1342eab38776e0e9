/**
 * Sample data for the publishing cards (draft-briefing, briefing-published, withdraw-confirm),
 * built with the handlers' own functions where they have one.
 */
import { draftCardData } from '../../src/bot/handlers/publish.js';
import type { DraftContent } from '../../src/publishing/draft.js';

const draft: DraftContent = {
  fileName: 'kestrel-briefing.pdf',
  fileType: 'pdf',
  title: 'The Kestrel review cycle: a briefing for partnership scrutineers',
  date: '2026-11-20',
  publisher: 'Northmoor Safeguarding Partnership',
  headings: ['What the Kestrel review cycle is', 'Who takes part in a Kestrel cycle'],
  passages: 4,
  body: '## What the Kestrel review cycle is\n\nA six-week rhythm.\n',
  redacted: 0,
};

const briefing = { id: 'briefing-2022-06-post-implementation', title: 'VKPP briefing, June 2022', kind: 'briefing' as const, topic: 'leadership' as const, superseded: false, source: { title: 'VKPP briefing', publisher: 'VKPP', date: '2022-06', dateLabel: 'June 2022', document: 'Slides' } };
const status = { data: { p: 'kestrel-review-cycle-2026' }, submit: { verb: 'publish.status', p: 'kestrel-review-cycle-2026' } };

export const publishingSamples: Record<string, object[]> = {
  'draft-briefing': [
    draftCardData('8d6c7a3e-5b4f-4e2d-9c1b-0a9f8e7d6c5b', draft, [briefing], 'scrutiny'),
    // The fullest card: no date found, contact details taken out, no earlier briefings, a problem to fix.
    draftCardData('8d6c7a3e-5b4f-4e2d-9c1b-0a9f8e7d6c5b', { ...draft, date: '', headings: [], redacted: 2 }, [], 'leadership', { point1: 'x'.repeat(300) }, 'Please give three to five key points; nothing was published.'),
  ],
  'briefing-published': [
    { title: draft.title, id: 'kestrel-review-cycle-2026', live: true, state: 'It is in the answers now.', publishedBy: 'Fran Facilitator, 2026-12-03 08:00 UTC', passages: '4', replaces: '', notice: 'Not sent', aboutCommand: 'about kestrel-review-cycle-2026', status },
    { title: draft.title, id: 'kestrel-review-cycle-2026', live: false, state: 'Saved. The search index is being rebuilt.', publishedBy: 'Fran Facilitator, 2026-12-03 08:00 UTC', passages: '4', replaces: 'VKPP briefing, June 2022', notice: 'Goes out as soon as the index has the briefing', aboutCommand: 'about kestrel-review-cycle-2026', status },
  ],
  'withdraw-confirm': [
    { title: draft.title, publishedBy: 'Fran Facilitator', publishedOn: '2026-12-03', others: '', withdraw: { data: { p: 'k' }, submit: { verb: 'withdraw.confirm', p: 'k' } }, keep: { data: { p: 'k' }, submit: { verb: 'withdraw.cancel', p: 'k' } } },
    { title: draft.title, publishedBy: 'Fran Facilitator', publishedOn: '2026-12-03', others: '2 published briefings matched; this is the newest.', withdraw: { data: { p: 'k' }, submit: { verb: 'withdraw.confirm', p: 'k' } }, keep: { data: { p: 'k' }, submit: { verb: 'withdraw.cancel', p: 'k' } } },
  ],
};
