/**
 * The end-to-end step for the national picture (issue 14), self-contained so
 * run.ts only calls it: five partnerships answer the checklist through the
 * bot's HTTP endpoint, as their leaders would in their own Teams channels (a
 * loopback channel stand-in takes the bot's replies); then the playground's
 * user, a facilitator, types `national picture` and must see the charts
 * drawn (not their text fallback), no partnership named, and a section opened
 * from the card in place.
 */
import type { ConsoleMessage } from 'playwright-core';
import type { AnswerValue } from '../../src/checklist/definition.js';
import { ChannelStandIn } from '../support/channel.js';
import { TestConversation } from '../support/conversation.js';
import { seedPartnership } from '../insight/seed.js';
import { ADAPTIVE_CARD, oneLine, type PlaygroundPage } from './playgroundPage.js';

/** Their answers to CIS-A1, A2 and A3: A1 is 3 Yes, 1 Partly, 1 No; A3 is the weakest. */
const SEEDED: Array<{ name: string; answers: AnswerValue[] }> = [
  { name: 'Ashby Vale SCP', answers: ['yes', 'yes', 'no'] },
  { name: 'Brindle Cross SCP', answers: ['yes', 'partly', 'dont-know'] },
  { name: 'Corrow Heath SCP', answers: ['yes', 'yes', 'no'] },
  { name: 'Dunmere SCP', answers: ['partly', 'no', 'yes'] },
  { name: 'Elstow Marsh SCP', answers: ['no', 'yes', 'no'] },
];

/** The weakest item's chart fallback: on screen only if the playground did not draw the chart. */
const CHART_FALLBACK = 'Partnerships by answer for each weakest item:';

export async function seedPartnerships(botUrl: string): Promise<void> {
  const channel = await new ChannelStandIn().start();
  try {
    for (const [i, p] of SEEDED.entries()) {
      const leader = { id: `29:e2e-leader-${i}`, name: `E2E Leader ${i}`, aadObjectId: `00000000-0000-4000-8000-0000000009${String(i).padStart(2, '0')}` };
      await seedPartnership(new TestConversation(botUrl, channel, 'channel', leader), p.name, p.answers);
    }
  } finally {
    await channel.stop();
  }
}

function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The step's body: returns the line run.ts prints for it. */
export async function nationalPictureStep(pg: PlaygroundPage, botUrl: string, shot: (suffix: string) => Promise<string>): Promise<string> {
  // The charts are drawn by the playground's own code: any error it logs while drawing them is a failure here,
  // except one from its vertical bar chart's layout code (an axis label sized from the chart's width less its
  // margins, logged when it measures the card before it has a width); the chart is then drawn correctly, as the
  // screenshot shows.
  const errors: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() !== 'error' || /Failed to load (resource|worklet)/.test(m.text())) return;
    if (/^Error: <foreignObject> attribute width: A negative value is not valid/.test(m.text())) return;
    errors.push(m.text());
  };
  pg.page.on('console', onConsole);
  try {
    const detail = await showNationalPicture(pg, botUrl, shot);
    must(errors.length === 0, `the browser logged ${errors.length} error(s) while showing the charts: ${errors.map((e) => oneLine(e, 160)).join('; ')}`);
    return detail;
  } finally {
    pg.page.off('console', onConsole);
  }
}

async function showNationalPicture(pg: PlaygroundPage, botUrl: string, shot: (suffix: string) => Promise<string>): Promise<string> {
  await seedPartnerships(botUrl);
  await pg.openConversation('Personal Chat');
  await pg.settle();
  const before = await pg.botMessageCount();
  await pg.sendMessage('national picture');
  const card = await pg.waitForBotMessage(/National picture · Checklist for Independent Scrutiny/, { after: before, card: true });
  const text = await pg.waitForText(card, /From the latest assessments of 5 partnerships/, 'the national picture');
  await pg.show(card);
  for (const p of SEEDED) must(!text.includes(p.name), `the national picture names a partnership ("${p.name}")`);
  must(!text.includes(CHART_FALLBACK), 'the playground shows the weakest items chart\'s text fallback, not the chart');
  must(/Weakest items/.test(text) && /CIS-A3/.test(text), `the card lists no weakest items: "${oneLine(text, 300)}"`);
  // Teams' chart elements are drawn as SVG (the bars) or as labelled images (the stacked rows).
  const drawn = await card.locator(`${ADAPTIVE_CARD} svg, ${ADAPTIVE_CARD} [role="img"]`).count();
  must(drawn >= 2, `expected the section and weakest-item charts to be drawn, found ${drawn} chart graphics`);
  await shot('a-chart');

  const messages = await pg.botMessageCount();
  await pg.clickCardButton(card, 'Open section');
  const section = await pg.waitForText(card, /National picture · A\. /, 'the section card');
  must((await pg.botMessageCount()) === messages, 'Open section should update the card in place');
  must(/CIS-A1 · Yes 3 · Partly 1 · No 1 · Don't know 0 · of 5 partnerships/.test(section), `section A does not show CIS-A1's counts: "${oneLine(section, 300)}"`);
  must(/CIS-A4 · fewer than 5 partnerships/.test(section), 'section A does not suppress CIS-A4, which nobody answered');
  await pg.show(card);
  return `5 partnerships seeded through the bot; chart card with ${drawn} chart graphics, no partnership named; section A opened in place (CIS-A1: Yes 3 · Partly 1 · No 1 of 5)`;
}
