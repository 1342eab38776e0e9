/**
 * Sample data for the briefing-notice cards (notice, confirm, progress), for the card validation tests.
 */
import { noticeCardData } from '../../src/facilitators/notice.js';
import type { DocumentSummary } from '../../src/knowledge/types.js';

const briefing: DocumentSummary = {
  id: 'briefing-independent-scrutiny-7-minute',
  title: 'Independent scrutiny project: 7-minute briefing (aims, methods, timeline, ethics and outputs)',
  kind: 'briefing',
  topic: 'scrutiny',
  source: { title: 'Independent scrutiny project: 7-minute briefing', publisher: 'VKPP', date: '2022-06', dateLabel: 'June 2022', document: 'Local Safeguarding Children Partnerships Independent Scrutiny: 7 Minute Briefing' },
  superseded: false,
  keyPoints: ['The project set out to learn what partnerships scrutinise.', 'Evidence came from a survey and case studies.', 'Planned outputs included a findings report.'],
};

const progress = (done: boolean, failed: number) => ({
  title: briefing.title,
  jobId: 'job-abcdefghij',
  done,
  state: done ? 'Finished' : 'Sending',
  queued: done ? '0' : '7',
  sent: '5',
  skipped: '2',
  failed: String(failed),
  refresh: { data: { j: 'job-abcdefghij' }, submit: { verb: 'notify.status', j: 'job-abcdefghij' } },
});

export const deliverySamples: Record<string, object[]> = {
  'briefing-notice': [
    noticeCardData(briefing),
    noticeCardData({
      ...briefing,
      superseded: true,
      supersededBy: { id: 'x', title: 'A newer briefing', note: 'Replaced by the 2024 briefing.' },
      source: { ...briefing.source, url: 'https://www.vkpp.org.uk/' },
      keyPoints: Array.from({ length: 5 }, (_, i) => `Key point ${i + 1}: ${'a long sentence in our own words '.repeat(8)}`),
    }),
  ],
  'notify-confirm': [
    { choices: [{ title: `${briefing.title} (June 2022)`, value: briefing.id }], first: briefing.id, several: false, audience: 'The notice goes to 3 subscribed conversations.' },
    {
      choices: [
        { title: 'One (June 2022)', value: 'one' },
        { title: 'Two (2019)', value: 'two' },
      ],
      first: 'one',
      several: true,
      audience: 'No conversations are subscribed yet, so nothing would be sent.',
    },
  ],
  'notify-progress': [progress(false, 0), progress(true, 1)],
};
