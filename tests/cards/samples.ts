/**
 * Sample data for every card template, used to expand and validate them.
 * Add an entry when you add a template: the test fails for a template without one.
 */
import { briefingShareData } from '../../src/bot/handlers/shareBriefing.js';
import type { DocumentSummary } from '../../src/knowledge/types.js';
import { insightSamples } from '../insight/cardSamples.js';
import { checklistSamples } from '../checklist/cardSamples.js';
import { qnaSamples } from '../qna/cardSamples.js';
import { deliverySamples } from '../delivery/cardSamples.js';
import { publishingSamples } from '../publishing/cardSamples.js';
import { escalationSamples } from '../escalation/cardSamples.js';

export const samples: Record<string, object[]> = {
  ...qnaSamples,
  ...insightSamples,
  ...checklistSamples,
  ...deliverySamples,
  ...publishingSamples,
  ...escalationSamples,
  notice: [{ title: 'Nothing was changed', message: 'That card is out of date.' }],
  'briefing-share': [
    briefingShareData(briefing(), 'In June 2022 the VKPP policing facilitator produced briefing slides on how the arrangements were working. The slides cover Working Together 2018 and four gaps.'),
    // The largest a real card gets: long title and publisher, a superseded note, the longest summary and a link.
    briefingShareData(
      briefing({
        title: 'Implementation of the new safeguarding arrangements, 2019-20: national picture and practice examples from the national facilitators',
        superseded: true,
        supersededBy: { id: 'wt2023-independent-scrutiny', title: 'Working Together 2023: independent scrutiny', note: 'Working Together 2023 replaced Working Together 2018 from December 2023, so figures and duties here are historical.' },
        source: { ...briefing().source, url: 'https://www.vkpp.org.uk/vkpp-work/public-protection-and-vulnerability/local-safeguarding-childrens-arrangements/' },
      }),
      'x'.repeat(420),
    ),
  ],
  welcome: [
    { privacyNote: 'Guidance, not case work.', mentionHint: '' },
    { privacyNote: 'Guidance, not case work.', mentionHint: 'Start your message with @LSCP Assistant.' },
  ],
  help: [
    {
      commands: [
        { name: 'help', description: 'Show this list.' },
        { name: 'checklist', description: 'Start or resume the checklist.' },
      ],
      privacyNote: 'Guidance, not case work.',
      mentionHint: '',
    },
  ],
};

function briefing(overrides: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id: 'briefing-2022-06-post-implementation',
    title: "VKPP briefing, June 2022: post-implementation of England's local child safeguarding arrangements",
    kind: 'briefing',
    topic: 'leadership',
    source: {
      title: "VKPP briefing, June 2022: post-implementation of England's local child safeguarding arrangements",
      publisher: 'Vulnerability Knowledge and Practice Programme (VKPP), supported by the Home Office',
      date: '2022-06',
      dateLabel: 'June 2022',
      document: "Post Implementation: England's Local Child Safeguarding Arrangements, June 2022 briefing slides",
    },
    superseded: false,
    ...overrides,
  };
}
