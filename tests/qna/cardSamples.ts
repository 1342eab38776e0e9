/**
 * Sample data for the Q&A card templates, including the largest answer card a
 * real answer can produce (longest passages, question, titles and notes), so the
 * template test proves it stays under the size Teams accepts.
 */
import type { Answer, ChecklistItemRef, Passage } from '../../src/knowledge/types.js';
import { answerCardData, askFacilitatorView, PAGE_SIZE } from '../../src/qna/answerCard.js';
import { MAX_QUESTION_CHARS } from '../../src/qna/text.js';

const FEEDBACK_ID = '6f1c1f8e-2b6a-4d7e-9a51-0c2f3e4d5b6a';

/** Longest chunk in the corpus is ~730 characters; allow well beyond that. */
const LONG_TEXT = (
  'Working Together 2023 says the lead safeguarding partners must make arrangements for independent scrutiny of how well the partnership is working. ' +
  'The scrutineer should be objective, act as a constructive critical friend and promote reflection to drive continuous improvement. '
).repeat(4);

export function passage(overrides: Partial<Passage> = {}): Passage {
  return {
    id: 'wt2023-independent-scrutiny#what-wt2023-says-about-the-independent-scrutiny-function-and-its-purpose',
    docId: 'wt2023-independent-scrutiny',
    title: 'Working Together 2023: independent scrutiny › What WT2023 says',
    headingPath: ['Working Together 2023: independent scrutiny of local safeguarding arrangements and the role of the scrutineer', 'What Working Together 2023 says about the independent scrutiny function and its purpose'],
    text: LONG_TEXT,
    kind: 'guidance',
    topic: 'scrutiny',
    source: {
      title: 'Working Together 2023: independent scrutiny of local safeguarding arrangements and the role of the scrutineer',
      publisher: 'HM Government (Department for Education), with the Home Office and the Department of Health and Social Care',
      date: '2023-12-15',
      dateLabel: '15 December 2023',
      url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2/independent-scrutiny-of-local-arrangements-and-the-role-of-the-scrutineer',
      document: 'Working Together to Safeguard Children 2023, chapter 2',
    },
    superseded: false,
    score: 1,
    matchedTerms: ['independent', 'scrutiny', 'scrutineer', 'lead safeguarding partners', 'partnership', 'Working Together'],
    ...overrides,
  };
}

const supersededPassage = passage({
  id: 'health-partner-ccg#when-the-ccg-stopped-being-the-health-safeguarding-partner',
  docId: 'health-partner-ccg',
  superseded: true,
  supersededBy: {
    id: 'health-partner-icb',
    title: 'The integrated care board (ICB) as the health safeguarding partner (from 1 July 2022)',
    note: 'Integrated care boards (ICBs) replaced CCGs as the health safeguarding partner on 1 July 2022, and under Working Together 2023 the ICB chief executive is the lead partner.',
  },
});

const checklistPassage = passage({ id: 'cis#CIS-E3', docId: 'cis', kind: 'checklist', source: { ...passage().source, url: undefined } });

const related: ChecklistItemRef[] = ['CIS-A1', 'CIS-B5', 'CIS-E3'].map((itemId) => ({
  itemId,
  sectionId: itemId.slice(4, 5),
  question:
    'Have your published multi-agency safeguarding arrangements been updated for Working Together 2023, naming the three lead safeguarding partners and each of their delegated safeguarding partners, and is that choice explained and its risks managed?',
}));

const longQuestion = `What does Working Together 2023 say about ${'independent scrutiny and the role of the scrutineer, '.repeat(12)}`.slice(0, MAX_QUESTION_CHARS);

function answer(passages: Passage[], text = LONG_TEXT.slice(0, 600)): Answer {
  return { answered: true, answer: text, sentences: [text], passages, suggestions: [], relatedChecklistItems: [] };
}

/** The biggest first page: longest question, answer, passages, notes, links and three related items. */
export const largestAnswerCard = answerCardData({
  question: longQuestion,
  answer: answer([supersededPassage, checklistPassage, supersededPassage, passage()]),
  offset: 0,
  feedbackId: FEEDBACK_ID,
  related,
});

/** The biggest "More results" page: three long passages with full text. */
export const largestMorePage = answerCardData({
  question: longQuestion,
  answer: answer([supersededPassage, supersededPassage, supersededPassage, passage()]),
  offset: PAGE_SIZE,
  feedbackId: FEEDBACK_ID,
  related,
});

const document = (i: number, superseded = false) => ({
  id: `practice-example-${i}`,
  title: `Practice example: a partnership with a long descriptive title about scrutiny and schools (${i})`,
  sourceLine: 'Devon Safeguarding Children Partnership · 17 December 2024',
  superseded,
  supersededNote: superseded ? 'Superseded by The integrated care board (ICB) as the health safeguarding partner — check the current guidance.' : '',
  command: `about practice-example-${i}`,
});

export const qnaSamples: Record<string, object[]> = {
  answer: [
    largestAnswerCard,
    largestMorePage,
    answerCardData({ question: 'who scrutinises?', answer: answer([passage()], 'The scrutineer.'), offset: 0, feedbackId: FEEDBACK_ID, related: [], voted: 'up' }),
    answerCardData({ question: 'who scrutinises?', answer: { ...answer([]), answer: '' }, offset: 6, feedbackId: FEEDBACK_ID, related: [] }),
  ],
  decline: [
    {
      question: 'banana bread',
      message: "I couldn't find that in the guidance.",
      hint: 'Try asking it another way, or choose one of these close topics:',
      suggestions: [
        { label: 'independent scrutiny', command: 'search independent scrutiny' },
        { label: 'lead safeguarding partners', command: 'search lead safeguarding partners' },
      ],
      ask: askFacilitatorView({ from: 'decline', q: 'banana bread' }, ''),
      escalated: '',
    },
    {
      question: 'zzz',
      message: "I couldn't find that in the guidance.",
      hint: 'Try asking it another way, or browse the topics.',
      suggestions: [],
      relatedChecklistItems: [],
      ask: askFacilitatorView({ from: 'decline', q: 'zzz' }, 'Sent to the facilitators as Q-ABCDEF.'),
      escalated: 'Sent to the facilitators as Q-ABCDEF.',
    },
  ],
  glossary: [
    {
      term: 'CCG',
      standsFor: 'Clinical Commissioning Group',
      definition: 'The NHS body that was the health safeguarding partner under Working Together 2018.',
      also: 'CCGs',
      superseded: true,
      supersededNote: 'Superseded by ICB (since 1 July 2022) — check the current guidance.',
      searchCommand: 'search Clinical Commissioning Group',
      successorTerm: 'ICB',
      successorCommand: 'define ICB',
    },
    {
      term: 'DSP',
      standsFor: 'Delegated Safeguarding Partner',
      definition: 'The senior officer each lead safeguarding partner names to act for them.',
      also: '',
      superseded: false,
      supersededNote: '',
      searchCommand: 'search Delegated Safeguarding Partner',
      successorTerm: '',
      successorCommand: '',
    },
  ],
  topics: [
    {
      topics: [
        { label: 'Independent scrutiny', count: 5, command: 'topics scrutiny' },
        { label: 'Practice examples by area', count: 18, command: 'topics practice-examples' },
      ],
    },
  ],
  'topics-documents': [
    // More documents than any topic has today (18), to keep the card's size honest.
    { heading: 'Practice examples by area', intro: '30 documents.', documents: Array.from({ length: 30 }, (_, i) => document(i, i % 5 === 0)) },
  ],
  briefings: [
    { intro: '2 briefings, newest first.', briefings: [document(1), document(2, true)] },
    { intro: 'There are no briefings in the knowledge base yet.', briefings: [] },
  ],
  'answer-document': [
    {
      title: 'VKPP briefing, June 2022: post-implementation',
      sourceLine: 'VKPP · June 2022',
      document: 'Post Implementation slides',
      superseded: true,
      supersededNote: 'Superseded by newer guidance — check the current guidance.',
      supersededCommand: 'about health-partner-icb',
      sections: [
        { heading: 'What the briefing is', text: LONG_TEXT },
        { heading: 'Working Together 2018', text: LONG_TEXT },
      ],
      url: 'https://example.org/briefing',
      hasUrl: true,
      topicLabel: 'leadership and delegation',
      topicCommand: 'topics leadership',
    },
    {
      title: 'A document without a link',
      sourceLine: 'VKPP · 2019',
      document: '',
      superseded: false,
      supersededNote: '',
      supersededCommand: '',
      sections: [],
      url: '',
      hasUrl: false,
      topicLabel: 'independent scrutiny',
      topicCommand: 'topics scrutiny',
    },
  ],
};
