/**
 * Sample data for every card template, used to expand and validate them.
 * Add an entry when you add a template: the test fails for a template without one.
 */
import { checklistSamples } from '../checklist/cardSamples.js';
import { qnaSamples } from '../qna/cardSamples.js';

export const samples: Record<string, object[]> = {
  ...qnaSamples,
  ...checklistSamples,
  notice: [{ title: 'Nothing was changed', message: 'That card is out of date.' }],
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
