/**
 * The checklist walkthrough over HTTP: real restify server, CloudAdapter and
 * SQLite, activities in, cards back. Every step presses the buttons of the card
 * the bot actually returned, with inputs merged the way Teams merges them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenItems, type AnswerValue } from '../../src/checklist/definition.js';
import { runReportCli } from '../../src/cli/report.js';
import { routes } from '../../src/bot/routes.js';
import { Router } from '../../src/bot/routing.js';
import { VERBS } from '../../src/checklist/cards.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { postgresUrl, testDatabases } from '../support/databases.js';
import { cardActions, cardText, type Person, type TestConversation } from '../support/conversation.js';
import { cardProblems } from '../support/validateCard.js';
import { buttonTitles, executeAction, hasInput, inputValue, itemIdOf, press, pressFallback, progressOf, refreshOf, type Card } from '../checklist/driver.js';

const alex: Person = { id: '29:alex-chief', name: 'Alex Chief', aadObjectId: '00000000-0000-4000-8000-00000000000a' };
const sam: Person = { id: '29:sam-delegate', name: 'Sam Delegate', aadObjectId: '00000000-0000-4000-8000-00000000000b' };
const jo: Person = { id: '29:jo-facilitator', name: 'Jo Facilitator', aadObjectId: '00000000-0000-4000-8000-00000000000c' };

let bot: TestBot;
beforeAll(async () => {
  // The national comparison on the summary has its own tests (tests/bot/insight.test.ts); here it stays out of the way.
  bot = await startTestBot({ env: { NATIONAL_MIN_PARTNERSHIPS: '1000' } });
});
afterAll(() => bot.stop());

const definition = () => bot.app.services.checklist.definition!;
const items = () => flattenItems(definition());
const store = () => bot.app.storage.assessments;

/** Every card the bot hands out is a valid Adaptive Card under the size limit. */
function valid(card: Card): Card {
  expect(cardProblems(card)).toEqual([]);
  return card;
}

async function startIn(kind: 'personal' | 'channel' | 'groupChat', user: Person = alex, name = 'Anytown Safeguarding Children Partnership') {
  const conversation = bot.conversation(kind, user);
  const first = await conversation.say('checklist');
  expect(first.cards).toHaveLength(1);
  const nameCard = valid(first.cards[0]!);
  const started = await press(conversation, nameCard, 'Start', { partnershipName: name });
  return { conversation, card: valid(started.card) };
}

async function assessmentFor(card: Card): Promise<string> {
  return executeAction(card, buttonTitles(card).find((t) => t !== 'Why this matters')!).data.assessmentId as string;
}

/** Alex and Sam press Save & next on the same card at the same moment; returns what each saw, sorted. */
async function simultaneousSaves(conversation: TestConversation, card: Card): Promise<string[]> {
  const pressed = await Promise.all([press(conversation, card, 'Save & next', { answer: 'yes' }), press(conversation.as(sam), card, 'Save & next', { answer: 'no' })]);
  return pressed.map((p) => (/while you were editing/.test(cardText(p.card)) ? 'conflict' : (itemIdOf(p.card) ?? ''))).sort();
}

describe('the route table', () => {
  it('has a route for every verb the checklist cards use, and help lists the checklist commands', async () => {
    const router = new Router(routes);
    for (const verb of Object.values(VERBS)) expect(router.hasAction(verb), verb).toBe(true);
    const help = cardText((await bot.conversation('personal').say('help')).cards[0]);
    for (const usage of ['checklist', 'checklist status', 'checklist summary', 'checklist CIS-E3']) expect(help).toContain(usage);
  });

  it('says when the checklist is not installed', async () => {
    const bare = await startTestBot({ env: { KNOWLEDGE_DIR: bot.dataDir } });
    try {
      const turn = await bare.conversation('personal').say('checklist');
      expect(cardText(turn.cards[0])).toMatch(/not installed on this server/);
    } finally {
      await bare.stop();
    }
  });
});

describe('starting the checklist', () => {
  it('in personal chat asks for the partnership name, refuses a bad one, then opens the first item as your own draft', async () => {
    const conversation = bot.conversation('personal', alex);
    const first = await conversation.say('checklist');
    const nameCard = valid(first.cards[0]!);
    expect(cardText(nameCard)).toMatch(/Start the Checklist for Independent Scrutiny/);
    expect(cardText(nameCard)).toMatch(/your own draft/);
    expect(hasInput(nameCard, 'partnershipName')).toBe(true);

    const refused = await press(conversation, nameCard, 'Start', { partnershipName: 'x' });
    expect(cardText(refused.card)).toMatch(/2 to 100 characters/);
    const refusedAgain = await press(conversation, refused.card, 'Start', { partnershipName: 'Call 07700 900123 about Anytown' });
    expect(cardText(refusedAgain.card)).toMatch(/just the partnership's name/);

    const started = await press(conversation, refusedAgain.card, 'Start', { partnershipName: '  Anytown   SCP ' });
    const card = valid(started.card);
    expect(cardText(card)).toMatch(/Checklist for Independent Scrutiny · Anytown SCP/);
    expect(cardText(card)).toMatch(/Started the checklist for Anytown SCP.*your own draft/);
    expect(progressOf(card)).toBe('Section A · item 1 of 5 · 0 of 39 answered');
    expect(itemIdOf(card)).toBe('CIS-A1');
    expect(cardText(card)).toMatch(/Evidence notes: describe documents and practice, not individual children or families\./);
    expect(buttonTitles(card)).toEqual(['Why this matters', 'Save & next', 'Skip', 'Pause']);
    for (const title of ['Save & next', 'Skip', 'Pause']) {
      const action = executeAction(card, title);
      expect(action.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: action.verb, ...action.data } });
      expect(action.data).toMatchObject({ itemId: 'CIS-A1', revision: 0, checklistVersion: definition().version, cv: 1 });
    }
    const choices = ((JSON.stringify(card).match(/"value":"(yes|partly|no|dont-know)"/g) ?? []) as string[]).map((m) => m.split('"')[3]);
    expect(choices).toEqual(['yes', 'partly', 'no', 'dont-know']);
    expect(cardText(card)).toMatch(/Yes – evidenced[\s\S]*Partly[\s\S]*No[\s\S]*Don't know/);
    expect(refreshOf(card)).toMatchObject({ action: { type: 'Action.Execute', verb: 'checklist.refresh' }, userIds: [alex.id] });

    const stored = await store().current(`user:${alex.aadObjectId}`);
    expect(stored).toMatchObject({ ownerKind: 'personal', partnershipName: 'Anytown SCP', status: 'in_progress', checklistVersion: definition().version });
  });

  it('in a channel belongs to the team: a second member joins the same assessment', async () => {
    const { conversation, card } = await startIn('channel', alex, 'Riverside SCP');
    expect(cardText(card)).toMatch(/everyone in this conversation can contribute/);
    const other = await conversation.as(sam).say('checklist');
    const samCard = valid(other.cards[0]!);
    expect(itemIdOf(samCard)).toBe('CIS-A1');
    expect(cardText(samCard)).toMatch(/Riverside SCP/);
    const owner = await store().current(`team:${conversation.teamId}`);
    expect(owner).toMatchObject({ ownerKind: 'team', partnershipName: 'Riverside SCP', createdByName: 'Alex Chief' });
    // Sam pressing Start on an old name card joins rather than starting a second assessment.
    const nameCard = (await bot.conversation('channel', sam).say('checklist')).cards[0]!;
    expect(cardText(nameCard)).toMatch(/Partnership name/);
  });

  it('in a group chat belongs to the chat', async () => {
    const { conversation } = await startIn('groupChat', alex, 'Group chat SCP');
    expect(await store().current(`chat:${conversation.id}`)).toMatchObject({ ownerKind: 'chat' });
  });

  it('stays quiet in a channel unless @mentioned', async () => {
    const turn = await bot.conversation('channel', alex).say('checklist', { mention: false });
    expect(turn.messages).toEqual([]);
  });
});

describe('walking the whole checklist in a channel, two members taking turns', () => {
  const pattern: AnswerValue[] = ['yes', 'partly', 'no', 'dont-know'];

  it('saves all 39 items through the cards, updating the same card, then shows the summary', async () => {
    const { conversation, card: firstCard } = await startIn('channel', alex, 'Hillshire Safeguarding Children Partnership');
    const assessmentId = await assessmentFor(firstCard);
    let card = firstCard;
    const all = items();
    expect(all).toHaveLength(39);
    for (const [index, { item, section, indexInSection, sectionSize }] of all.entries()) {
      expect(itemIdOf(card)).toBe(item.id);
      expect(progressOf(card)).toBe(`Section ${section.id} · item ${indexInSection + 1} of ${sectionSize} · ${index} of 39 answered`);
      const who = index % 3 === 2 ? sam : alex;
      const value = pattern[index % 4]!;
      const pressed = await press(conversation.as(who), card, 'Save & next', { answer: value, note: `Evidence for ${item.id}: minutes of the executive, March 2026` });
      // The card is updated in place: an invoke response, no new message.
      expect(pressed.turn.messages).toEqual([]);
      card = valid(pressed.card);
      if (index < all.length - 1) {
        expect(cardText(card)).toMatch(new RegExp(`Saved ${item.id}: `));
        if (value === 'no' || value === 'dont-know') expect(cardText(card)).toMatch(/Why it matters: .*Suggested evidence: /);
      }
    }
    const text = cardText(card);
    expect(text).toMatch(/Summary · Hillshire Safeguarding Children Partnership/);
    expect(text).toMatch(/Every item now has an answer/);
    expect(text).toMatch(/In progress · 39 of 39 answered/);
    expect(text).toMatch(/Candidate actions \(No and Partly\): 20/);
    expect(text).toMatch(/To follow up \(Don't know\): 9/);
    expect(text).toMatch(/Contributors: Alex Chief \(26\), Sam Delegate \(13\)/);
    expect(buttonTitles(card)).toEqual(['Owners & due dates', 'Sign off', 'Export', 'Review answers']);

    const snapshot = await store().snapshot(assessmentId);
    expect(snapshot.answers.size).toBe(39);
    expect(snapshot.history).toHaveLength(39);
    expect(snapshot.answers.get('CIS-A3')).toMatchObject({ value: 'no', byName: 'Sam Delegate', revision: 1, note: 'Evidence for CIS-A3: minutes of the executive, March 2026' });

    // Reviewing walks the answered items again, each showing its answer.
    const review = valid((await press(conversation, card, 'Review answers')).card);
    expect(itemIdOf(review)).toBe('CIS-A1');
    expect(inputValue(review, 'answer')).toBe('yes');
    const reviewNext = (await press(conversation, review, 'Save & next', { answer: 'yes', note: inputValue(review, 'note') })).card;
    expect(itemIdOf(reviewNext)).toBe('CIS-A2');
    expect(await store().history(assessmentId, 'CIS-A1')).toHaveLength(1);

    // checklist status shows every section complete.
    const status = valid((await conversation.as(sam).say('checklist status')).cards[0]!);
    const statusText = cardText(status);
    for (const section of definition().sections) expect(statusText).toContain(`${section.items.length} of ${section.items.length} ✓`);
    expect(statusText).toMatch(/Contributors: Alex Chief \(26\), Sam Delegate \(13\)/);
  });
});

describe('moving around: back, skip, pause, resume, and opening one item', () => {
  it('skips, goes back, shows who answered, and the hint opens by itself for No', async () => {
    const { conversation, card: a1 } = await startIn('personal', { ...alex, aadObjectId: 'aad-nav' }, 'Navigation SCP');
    const a2 = (await press(conversation, a1, 'Save & next', { answer: 'no', note: 'No scrutiny section yet' })).card;
    expect(itemIdOf(a2)).toBe('CIS-A2');
    expect(buttonTitles(a2)).toContain('Back');
    const a3 = (await press(conversation, a2, 'Skip')).card;
    expect(itemIdOf(a3)).toBe('CIS-A3');
    expect(progressOf(a3)).toBe('Section A · item 3 of 5 · 1 of 39 answered');
    const back = (await press(conversation, a3, 'Back')).card;
    expect(itemIdOf(back)).toBe('CIS-A2');
    expect(inputValue(back, 'answer')).toBe('');
    const backAgain = valid((await press(conversation, back, 'Back')).card);
    expect(itemIdOf(backAgain)).toBe('CIS-A1');
    expect(cardText(backAgain)).toMatch(/Last answered by Alex Chief at \d\d:\d\d\./);
    expect(inputValue(backAgain, 'answer')).toBe('no');
    expect(inputValue(backAgain, 'note')).toBe('No scrutiny section yet');
    // Answered No: the why-it-matters hint is visible without asking.
    expect(JSON.stringify(backAgain)).toMatch(/"id":"hint","isVisible":true/);
    expect(JSON.stringify(a2)).toMatch(/"id":"hint","isVisible":false/);
    // Saving the same answer again writes no new revision.
    const again = (await press(conversation, backAgain, 'Save & next', { answer: 'no', note: 'No scrutiny section yet' })).card;
    expect(itemIdOf(again)).toBe('CIS-A2');
    const id = await assessmentFor(again);
    expect(await store().history(id, 'CIS-A1')).toHaveLength(1);
  });

  it('asks for an answer before Save & next, and keeps what was typed', async () => {
    const { conversation, card } = await startIn('personal', { ...alex, aadObjectId: 'aad-empty' }, 'Empty SCP');
    const refused = valid((await press(conversation, card, 'Save & next', { note: 'Typed but no answer' })).card);
    expect(itemIdOf(refused)).toBe('CIS-A1');
    expect(cardText(refused)).toMatch(/Choose an answer before saving, or press Skip/);
    expect(inputValue(refused, 'note')).toBe('Typed but no answer');
    const tooLong = (await press(conversation, refused, 'Save & next', { answer: 'yes', note: 'x'.repeat(2001) })).card;
    expect(cardText(tooLong)).toMatch(/2001 characters long; please shorten it to 2000/);
    const made = (await press(conversation, tooLong, 'Save & next', { answer: 'maybe' })).card;
    expect(cardText(made)).toMatch(/Choose one of the four answers/);
    expect((await store().current(`user:aad-empty`))!.version).toBe(1);
  });

  it('refuses an evidence note that identifies a child, saving nothing', async () => {
    const { conversation, card } = await startIn('personal', { ...alex, aadObjectId: 'aad-privacy' }, 'Privacy SCP');
    const refused = valid((await press(conversation, card, 'Save & next', { answer: 'partly', note: 'See the case of a child, DOB 12/03/2015, NHS number 943 476 5919' })).card);
    expect(itemIdOf(refused)).toBe('CIS-A1');
    expect(cardText(refused)).toMatch(/not individual children or families.*Nothing was saved/);
    const id = await assessmentFor(refused);
    expect((await store().snapshot(id)).answers.size).toBe(0);
  });

  it('pauses (saving the chosen answer) and resumes at the first unanswered item', async () => {
    const user = { ...alex, aadObjectId: 'aad-pause' };
    const { conversation, card: a1 } = await startIn('personal', user, 'Pause SCP');
    const a2 = (await press(conversation, a1, 'Skip')).card;
    const paused = valid((await press(conversation, a2, 'Pause', { answer: 'yes', note: '' })).card);
    expect(cardText(paused)).toMatch(/Paused at CIS-A2/);
    expect(cardText(paused)).toMatch(/Saved CIS-A2: Yes – evidenced/);
    expect(cardText(paused)).toMatch(/1 of 39 items are answered/);
    const resumed = valid((await press(conversation, paused, 'Resume')).card);
    expect(itemIdOf(resumed)).toBe('CIS-A1');
    const typed = valid((await conversation.say('checklist')).cards[0]!);
    expect(itemIdOf(typed)).toBe('CIS-A1');
    expect(cardText(typed)).toMatch(/Welcome back\. 1 of 39 items are answered/);
    // Pause without choosing an answer just pauses.
    const pausedEmpty = (await press(conversation, typed, 'Pause', {})).card;
    expect(cardText(pausedEmpty)).toMatch(/Paused at CIS-A1/);
  });

  it('opens one item with "checklist CIS-E3", typed or from a Q&A card button, and explains an unknown one', async () => {
    const user = { ...alex, aadObjectId: 'aad-open' };
    const conversation = bot.conversation('personal', user);
    // With no assessment yet, the name card comes first and then lands on E3.
    const nameCard = (await conversation.say('checklist CIS-E3')).cards[0]!;
    expect(executeAction(nameCard, 'Start').data).toMatchObject({ startAt: 'CIS-E3' });
    const e3 = valid((await press(conversation, nameCard, 'Start', { partnershipName: 'Open SCP' })).card);
    expect(itemIdOf(e3)).toBe('CIS-E3');
    expect(progressOf(e3)).toBe('Section E · item 3 of 9 · 0 of 39 answered');
    const typed = (await conversation.say('checklist e3')).cards[0]!;
    expect(itemIdOf(typed)).toBe('CIS-E3');
    const fromQna = await conversation.submit({ command: 'checklist CIS-B2' });
    expect(itemIdOf(fromQna.cards[0]!)).toBe('CIS-B2');
    const unknown = await conversation.say('checklist CIS-Z9');
    expect(cardText(unknown.cards[0]!)).toMatch(/There is no item CIS-Z9 in the checklist\. Items run from CIS-A1 to CIS-H4/);
    const usage = await conversation.say('checklist please');
    expect(usage.texts.join(' ')).toMatch(/checklist status/);
  });
});

describe('persistence', () => {
  it('resumes at the first unanswered item after a server restart, and old cards still work', async () => {
    const user = { ...alex, aadObjectId: 'aad-restart' };
    const { conversation, card: a1 } = await startIn('personal', user, 'Restart SCP');
    let card = (await press(conversation, a1, 'Save & next', { answer: 'yes' })).card;
    card = (await press(conversation, card, 'Save & next', { answer: 'partly', note: 'Plan agreed' })).card;
    card = (await press(conversation, card, 'Skip')).card;
    const a4 = (await press(conversation, card, 'Save & next', { answer: 'no' })).card;
    expect(itemIdOf(a4)).toBe('CIS-A5');

    await bot.restart();

    const resumed = valid((await conversation.say('checklist')).cards[0]!);
    expect(itemIdOf(resumed)).toBe('CIS-A3');
    expect(cardText(resumed)).toMatch(/Restart SCP/);
    expect(progressOf(resumed)).toBe('Section A · item 3 of 5 · 3 of 39 answered');
    // The card shown before the restart carries everything needed to carry on.
    const next = valid((await press(conversation, a4, 'Save & next', { answer: 'dont-know' })).card);
    expect(itemIdOf(next)).toBe('CIS-B1');
    const a2 = (await press(conversation, (await conversation.say('checklist CIS-A2')).cards[0]!, 'Skip')).card;
    expect(itemIdOf(a2)).toBe('CIS-A3');
    const id = await assessmentFor(next);
    const snapshot = await bot.app.storage.assessments.snapshot(id);
    expect([...snapshot.answers.keys()].sort()).toEqual(['CIS-A1', 'CIS-A2', 'CIS-A4', 'CIS-A5']);
    expect(snapshot.answers.get('CIS-A2')).toMatchObject({ value: 'partly', note: 'Plan agreed' });
  });
});

describe('two people answering at once', () => {
  it('shows the later writer what changed instead of overwriting, keeping their draft', async () => {
    const { conversation, card } = await startIn('channel', alex, 'Concurrent SCP');
    const id = await assessmentFor(card);
    // Both have the CIS-A1 card open. Alex saves first.
    const alexNext = await press(conversation, card, 'Save & next', { answer: 'yes', note: 'Republished 2024' });
    expect(itemIdOf(alexNext.card)).toBe('CIS-A2');
    const samTry = valid((await press(conversation.as(sam), card, 'Save & next', { answer: 'partly', note: 'Only partly, DSPs not named' })).card);
    const text = cardText(samTry);
    expect(itemIdOf(samTry)).toBe('CIS-A1');
    expect(text).toMatch(/Alex Chief answered this at \d\d:\d\d while you were editing\. Their answer: Yes – evidenced \(evidence note: "Republished 2024"\)\. Your answer, Partly, was not saved\. Review and save again\./);
    expect(inputValue(samTry, 'answer')).toBe('partly');
    expect(inputValue(samTry, 'note')).toBe('Only partly, DSPs not named');
    expect(executeAction(samTry, 'Save & next').data).toMatchObject({ revision: 1 });
    // No automatic refresh on a card holding an unsaved draft: it would be redrawn over Sam's typing.
    expect(refreshOf(samTry)).toBeUndefined();
    expect((await store().answer(id, 'CIS-A1'))).toMatchObject({ value: 'yes', byName: 'Alex Chief', revision: 1 });

    // Having reviewed, Sam saves again from the conflict card: now a deliberate change.
    const samSaved = await press(conversation.as(sam), samTry, 'Save & next', { answer: 'partly', note: 'Only partly, DSPs not named' });
    expect(itemIdOf(samSaved.card)).toBe('CIS-A2');
    const history = await store().history(id, 'CIS-A1');
    expect(history.map((h) => [h.revision, h.value, h.byName])).toEqual([
      [1, 'yes', 'Alex Chief'],
      [2, 'partly', 'Sam Delegate'],
    ]);
  });

  it('treats the same answer from both as agreement, not a conflict', async () => {
    const { conversation, card } = await startIn('channel', alex, 'Agreeing SCP');
    await press(conversation, card, 'Save & next', { answer: 'no' });
    const samSame = await press(conversation.as(sam), card, 'Save & next', { answer: 'no' });
    expect(itemIdOf(samSame.card)).toBe('CIS-A2');
    expect(cardText(samSame.card)).not.toMatch(/while you were editing/);
  });

  it('lets exactly one of two truly simultaneous saves win; the other sees the conflict', async () => {
    const { conversation, card } = await startIn('channel', alex, 'Simultaneous SCP');
    const id = await assessmentFor(card);
    expect(await simultaneousSaves(conversation, card)).toEqual(['CIS-A2', 'conflict']);
    expect(await store().history(id, 'CIS-A1')).toHaveLength(1);
  });
});

describe('invalid and stale presses change nothing', () => {
  it('refuses an item id that does not exist, a card from another conversation, an old card version and a forged revision', async () => {
    const user = { ...alex, aadObjectId: 'aad-invalid' };
    const { conversation, card } = await startIn('personal', user, 'Invalid SCP');
    const id = await assessmentFor(card);
    const save = executeAction(card, 'Save & next');

    const unknown = await conversation.execute(save.verb, { ...save.data, itemId: 'CIS-Z9', answer: 'yes' });
    const unknownCard = (unknown.body as { value: Card }).value;
    expect(cardText(unknownCard)).toMatch(/There is no item CIS-Z9 in this checklist, so nothing was saved/);
    expect(itemIdOf(unknownCard)).toBe('CIS-A1');

    const stranger = bot.conversation('personal', jo);
    const foreign = await stranger.execute(save.verb, { ...save.data, answer: 'no' });
    expect(cardText((foreign.body as { value: Card }).value)).toMatch(/belongs to a checklist for a different team, chat or person/);

    const old = await conversation.execute(save.verb, { ...save.data, cv: 0, answer: 'no' });
    expect(cardText((old.body as { value: Card }).value)).toMatch(/from an earlier version of the checklist, so nothing was changed/);

    const future = await conversation.execute(save.verb, { ...save.data, revision: 7, answer: 'no' });
    expect(cardText((future.body as { value: Card }).value)).toMatch(/does not match the saved checklist/);

    const malformed = await conversation.execute(save.verb, { assessmentId: id });
    expect((malformed.body as { statusCode: number }).statusCode).toBe(200);
    expect(cardText((malformed.body as { value: Card }).value)).toMatch(/out of date or incomplete/);

    const snapshot = await store().snapshot(id);
    expect(snapshot.answers.size).toBe(0);
    expect(snapshot.assessment.version).toBe(1);
  });

  it('answers an automatic refresh with the current card and posts nothing', async () => {
    const { conversation, card } = await startIn('channel', alex, 'Refresh SCP');
    const id = await assessmentFor(card);
    await press(conversation.as(sam), card, 'Save & next', { answer: 'partly' });
    const refresh = refreshOf(card)!;
    const turn = await conversation.execute(refresh.action.verb, refresh.action.data, { trigger: 'automatic', replyToId: 'card-1' });
    expect(turn.status).toBe(200);
    expect(turn.records).toEqual([]);
    const refreshed = valid((turn.body as { value: Card }).value);
    expect(itemIdOf(refreshed)).toBe('CIS-A1');
    expect(cardText(refreshed)).toMatch(/Last answered by Sam Delegate/);
    expect(inputValue(refreshed, 'answer')).toBe('partly');
    // Even a write verb arriving as an automatic refresh only reads.
    const save = executeAction(card, 'Save & next');
    const sneaky = await conversation.execute(save.verb, { ...save.data, revision: 1, answer: 'no' }, { trigger: 'automatic' });
    expect(sneaky.records).toEqual([]);
    expect((await store().answer(id, 'CIS-A1'))).toMatchObject({ value: 'partly', revision: 1 });
  });

  it('works through the Action.Submit fallback, updating the card in place', async () => {
    const user = { ...alex, aadObjectId: 'aad-fallback' };
    const conversation = bot.conversation('personal', user);
    const nameTurn = await conversation.say('checklist');
    const nameMessageId = nameTurn.messages[0]!.id as string;
    const started = await pressFallback(conversation, nameTurn.cards[0]!, 'Start', { partnershipName: 'Fallback SCP' }, nameMessageId);
    expect(started.turn.messages).toEqual([]);
    expect(started.turn.updates[0]!.activityId).toBe(nameMessageId);
    expect(itemIdOf(started.card)).toBe('CIS-A1');
    const next = await pressFallback(conversation, started.card, 'Save & next', { answer: 'yes', note: 'Via Submit' }, nameMessageId);
    expect(next.turn.messages).toEqual([]);
    expect(itemIdOf(valid(next.card))).toBe('CIS-A2');
    const id = await assessmentFor(next.card);
    expect(await store().answer(id, 'CIS-A1')).toMatchObject({ value: 'yes', note: 'Via Submit' });
  });
});

describe('summary, owners and dates, sign-off, reopen and export', () => {
  let conversation: ReturnType<TestBot['conversation']>;
  let summary: Card;
  let assessmentId: string;

  beforeAll(async () => {
    const started = await startIn('channel', alex, 'Sign-off SCP');
    conversation = started.conversation;
    let card = started.card;
    assessmentId = await assessmentFor(card);
    for (const [index] of items().entries()) {
      const value: AnswerValue = index === 1 ? 'no' : index === 4 ? 'partly' : index === 7 ? 'dont-know' : 'yes';
      card = (await press(conversation, card, 'Save & next', { answer: value, note: index === 1 ? '=HYPERLINK("http://evil.example","x")' : index === 4 ? 'Minutes, 3 March; "draft" plan' : '' })).card;
    }
    summary = card;
  });

  it('lists candidate actions, follow-ups and contributors, and saves owners and due dates', async () => {
    const text = cardText(summary);
    expect(text).toMatch(/\*\*CIS-A2\*\* · No · /);
    expect(text).toMatch(/\*\*CIS-A5\*\* · Partly · /);
    expect(text).toMatch(/To follow up \(Don't know\): 1/);
    expect(text).toMatch(/\*\*CIS-B3\*\*/);
    const editor = valid((await press(conversation, summary, 'Owners & due dates')).card);
    expect(hasInput(editor, 'owner__CIS-A2')).toBe(true);
    expect(hasInput(editor, 'due__CIS-A5')).toBe(true);
    const badDate = (await press(conversation, editor, 'Save', { 'owner__CIS-A2': 'Business manager', 'due__CIS-A2': '2026-02-30' })).card;
    expect(cardText(badDate)).toMatch(/Nothing was saved\. CIS-A2: the due date must be a date/);
    const saved = valid((await press(conversation, badDate, 'Save', { 'owner__CIS-A2': 'Business manager', 'due__CIS-A2': '2026-06-30', 'owner__CIS-A5': '', 'due__CIS-A5': '' })).card);
    expect(cardText(saved)).toMatch(/Saved owners and due dates for CIS-A2\./);
    expect(cardText(saved)).toMatch(/CIS-A2\*\* · No · .*Owner: Business manager · Due: 30 June 2026/);
    // Someone else's stale editor card is refused rather than overwriting the owner.
    const stale = (await press(conversation.as(sam), editor, 'Save', { 'owner__CIS-A2': 'Someone else', 'due__CIS-A2': '' })).card;
    expect(cardText(stale)).toMatch(/Nothing was saved: Alex Chief changed CIS-A2 .*owner: Business manager/);
    summary = saved;
  });

  it('exports Markdown and CSV through signed links that expire', async () => {
    const exported = valid((await press(conversation, summary, 'Export')).card);
    const links = cardActions(exported).filter((a) => a.type === 'Action.OpenUrl') as unknown as Array<{ title: string; url: string }>;
    expect(links.map((l) => l.title)).toEqual(['Download Markdown', 'Download CSV (Excel)']);
    for (const link of links) expect(link.url.startsWith(`${bot.app.url}/reports/`)).toBe(true);

    const md = await fetch(links[0]!.url);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="cis-sign-off-scp-\d{4}-\d{2}-\d{2}\.md"$/);
    const markdown = await md.text();
    expect(markdown).toMatch(/^# Checklist for Independent Scrutiny: Sign-off SCP/);
    expect(markdown).toMatch(/\| CIS-A2 \| No \| .* \| Business manager \| 30 June 2026 \|/);
    expect(markdown).toMatch(/#### CIS-A5[\s\S]*- \*\*Answer:\*\* Partly[\s\S]*> Minutes, 3 March; "draft" plan/);

    const csv = await fetch(links[1]!.url);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await csv.text();
    const lines = body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('Section,Section title,Item,Question,Answer,Evidence note,Answered by,Answered at (UK time),Candidate action,Action owner,Action due,Follow up');
    expect(lines).toHaveLength(41);
    const a2 = lines.find((l) => l.startsWith('A,Published arrangements and governance,CIS-A2,'))!;
    expect(a2).toContain(`,No,"'=HYPERLINK(""http://evil.example"",""x"")",Alex Chief,`);
    expect(a2).toMatch(/,Yes,Business manager,2026-06-30,$/);

    const token = links[0]!.url.split('/reports/')[1]!;
    const tampered = await fetch(`${bot.app.url}/reports/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toMatch(/^This download link is not valid\./);
    const expiredToken = bot.app.services.checklist.links.sign(assessmentId, 'md', new Date(Date.now() - 24 * 3600_000)).token;
    const expired = await fetch(`${bot.app.url}/reports/${expiredToken}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/^This download link has expired\./);
    const garbage = await fetch(`${bot.app.url}/reports/not-a-token`);
    expect(garbage.status).toBe(403);

    // The report CLI prints the same Markdown from the same database.
    let printed = '';
    const code = await runReportCli([assessmentId], { DATA_DIR: bot.dataDir, LOG_LEVEL: 'silent' }, { out: (t) => (printed += t), err: (t) => expect.fail(t) });
    expect(code).toBe(0);
    const withoutExportTime = (text: string) => text.replace(/^- \*\*Exported:\*\* .*$/m, '');
    expect(withoutExportTime(printed)).toBe(withoutExportTime(markdown));
  });

  it('signs off (recorded, then read-only), refuses later answers, and reopens with a confirmation', async () => {
    const confirm = valid((await press(conversation.as(sam), summary, 'Sign off')).card);
    expect(cardText(confirm)).toMatch(/Sign off this assessment\?/);
    const signed = valid((await press(conversation.as(sam), confirm, 'Sign off')).card);
    expect(cardText(signed)).toMatch(/Signed off by Sam Delegate/);
    expect(buttonTitles(signed)).toEqual(['Export', 'Reopen', 'Start a new assessment']);
    expect(await store().get(assessmentId)).toMatchObject({ status: 'signed_off', signedOffByName: 'Sam Delegate' });

    // An item card from before the sign-off can no longer change anything.
    const item = valid((await conversation.say('checklist CIS-A1')).cards[0]!);
    expect(hasInput(item, 'answer')).toBe(false);
    expect(cardText(item)).toMatch(/signed off by Sam Delegate .*read-only/);
    expect(buttonTitles(item)).toEqual(['Why this matters', 'Next', 'Summary']);
    const before = await store().snapshot(assessmentId);
    const save = { verb: 'checklist.save', data: { cv: 1, assessmentId, itemId: 'CIS-A1', revision: 1, checklistVersion: definition().version, answer: 'no' } };
    const refused = await conversation.execute(save.verb, save.data);
    expect(cardText((refused.body as { value: Card }).value)).toMatch(/so it is read-only\..*Nothing was changed\./);
    const after = await store().snapshot(assessmentId);
    expect(after.history).toHaveLength(before.history.length);
    expect(after.assessment.version).toBe(before.assessment.version);
    // `checklist` now opens the signed-off summary.
    expect(cardText((await conversation.say('checklist')).cards[0]!)).toMatch(/Signed off by Sam Delegate/);

    const reopenConfirm = valid((await press(conversation, signed, 'Reopen')).card);
    expect(cardText(reopenConfirm)).toMatch(/Reopen this assessment\?[\s\S]*signed off by Sam Delegate/);
    const reopened = valid((await press(conversation, reopenConfirm, 'Reopen')).card);
    expect(cardText(reopened)).toMatch(/Reopened by Alex Chief/);
    const events = (await store().snapshot(assessmentId)).events.map((e) => [e.kind, e.byName]);
    expect(events).toEqual([
      ['created', 'Alex Chief'],
      ['signed_off', 'Sam Delegate'],
      ['reopened', 'Alex Chief'],
    ]);
    // A sign-off confirmation drawn before the reopen is stale now.
    const staleSignOff = (await press(conversation, confirm, 'Sign off')).card;
    expect(cardText(staleSignOff)).toMatch(/changed since this card was shown, so nothing was done/);
  });
});

describe.runIf(postgresUrl)('on PostgreSQL', () => {
  const target = testDatabases().find((d) => d.name === 'postgres')!;
  let pgBot: TestBot;
  beforeAll(async () => {
    const options = await target.create();
    pgBot = await startTestBot({ dataDir: options.dataDir, env: { DATABASE_URL: options.databaseUrl! } });
  });
  afterAll(async () => {
    await pgBot?.stop();
    await target.dropAll();
  });

  it('keeps simultaneous saves apart and resumes after a restart', async () => {
    const conversation = pgBot.conversation('channel', alex);
    const nameCard = (await conversation.say('checklist')).cards[0]!;
    const card = (await press(conversation, nameCard, 'Start', { partnershipName: 'Postgres SCP' })).card;
    const id = await assessmentFor(card);
    expect(await simultaneousSaves(conversation, card)).toEqual(['CIS-A2', 'conflict']);
    expect(await pgBot.app.storage.assessments.history(id, 'CIS-A1')).toHaveLength(1);
    await pgBot.restart();
    const resumed = (await conversation.as(sam).say('checklist')).cards[0]!;
    expect(itemIdOf(resumed)).toBe('CIS-A2');
    expect(progressOf(resumed)).toBe('Section A · item 2 of 5 · 1 of 39 answered');
  });
});
