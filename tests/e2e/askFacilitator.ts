/**
 * The end-to-end step for "Ask a facilitator" (issue 15), self-contained so
 * run.ts only calls it: the playground's user (a facilitator) makes the team
 * channel the facilitators' channel, then, in the personal chat, asks what the
 * guidance does not cover, opens "Ask a facilitator" on the decline, sends the
 * question as it was filled in, and must see the confirmation on the card and
 * the ticket card posted in the channel.
 */
import { oneLine, type PlaygroundPage } from './playgroundPage.js';

function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export async function askFacilitatorStep(pg: PlaygroundPage, channelName: string, question: string, shot: (suffix: string) => Promise<string>): Promise<string> {
  await pg.openConversation(channelName);
  const post = await pg.postWithMention('facilitators channel');
  const deadline = Date.now() + 15_000;
  let thread = '';
  while (Date.now() < deadline && !/Done: questions for the facilitators/.test(thread)) {
    await pg.page.waitForTimeout(200);
    thread = await post.innerText().catch(() => '');
  }
  must(/Done: questions for the facilitators/.test(thread), `the bot did not confirm the facilitators' channel: "${oneLine(thread, 300)}"`);

  await pg.openConversation('Personal Chat');
  await pg.settle();
  const before = await pg.botMessageCount();
  await pg.sendMessage(question);
  const card = await pg.waitForBotMessage(/couldn.t find that in the guidance/i, { after: before, card: true });
  await pg.clickCardButton(card, 'Ask a facilitator');
  await pg.clickCardButton(card, 'Send to a facilitator');
  const text = await pg.waitForText(card, /Sent to the facilitators as Q-[A-Z2-9]{6}/, 'the confirmation on the card');
  const id = /Q-[A-Z2-9]{6}/.exec(text)?.[0] ?? '';
  await pg.show(card);
  await shot('a-sent');

  await pg.openConversation(channelName);
  const ticket = pg.channelPosts().filter({ hasText: `Question ${id}` }).first();
  await ticket.waitFor({ timeout: 20_000 }).catch(() => undefined);
  must((await ticket.count()) > 0, `the ticket card for ${id} did not appear in ${channelName}`);
  const ticketText = await ticket.innerText();
  must(ticketText.includes(question), `the ticket card does not show the question: "${oneLine(ticketText, 300)}"`);
  must(/Take it/.test(ticketText) && /Answer/.test(ticketText), `the ticket card has no Take it / Answer buttons: "${oneLine(ticketText, 300)}"`);
  await pg.show(ticket);
  return `decline → Ask a facilitator → Send: "Sent to the facilitators as ${id}" on the card; the ticket card with Take it and Answer posted in ${channelName}`;
}
