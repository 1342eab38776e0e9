/**
 * Two bot instances behind a load balancer on one PostgreSQL database: a stale
 * checklist save through one is refused and reported, not silently written over
 * what the other saved, and a delivery Teams repeats to the other instance is
 * recognised and answered the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoInstances, type TestBot } from '../support/bot.js';
import { ChannelStandIn } from '../support/channel.js';
import { cardText, TestConversation, type Person } from '../support/conversation.js';
import { testDatabases } from '../support/databases.js';
import { executeAction, press } from '../checklist/driver.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');
const alex: Person = { id: '29:alex', name: 'Alex Chief', aadObjectId: '00000000-0000-4000-8000-0000000000a1' };
const bea: Person = { id: '29:bea', name: 'Bea Delegate', aadObjectId: '00000000-0000-4000-8000-0000000000b2' };

describe.runIf(postgres)('two instances on one PostgreSQL database', () => {
  let channel: ChannelStandIn;
  let first: TestBot;
  let second: TestBot;
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ channel, first, second, stop } = await startTwoInstances(postgres!));
  });
  afterAll(() => stop());

  const via = (bot: TestBot, c: TestConversation, person: Person) => new TestConversation(() => bot.app.url, channel, 'channel', person, { conversationId: c.id, teamId: c.teamId });

  it('refuses a stale checklist save through the other instance and says who answered', async () => {
    const team = first.conversation('channel', alex);
    const start = (await team.say('checklist')).cards[0]!;
    const item = (await press(team, start, 'Start', { partnershipName: 'Twinford SCP' })).card;
    // Both open the same card; Alex saves through the first instance, Bea through the second with the card she had.
    const saved = await press(via(first, team, alex), item, 'Save & next', { answer: 'yes', note: 'Published in March' });
    expect(cardText(saved.card)).toMatch(/CIS-A2/);
    const stale = await press(via(second, team, bea), item, 'Save & next', { answer: 'no', note: '' });
    expect(cardText(stale.card)).toMatch(/Alex Chief answered this .* while you were editing/);
    expect(cardText(stale.card)).toMatch(/was not saved/);
    const answers = await second.app.storage.database.db.selectFrom('answers').select(['item_id', 'value', 'answered_by_name']).execute();
    expect(answers).toEqual([{ item_id: 'CIS-A1', value: 'yes', answered_by_name: 'Alex Chief' }]);
  });

  it('answers a delivery repeated to the other instance from its receipt, handling it once', async () => {
    const c = first.conversation('personal');
    const message = c.base({ type: 'message', text: 'help', textFormat: 'plain' });
    const a = await c.post(message);
    const b = await new TestConversation(() => second.app.url, channel, 'personal', c.user, { conversationId: c.id }).post(message);
    expect(a.cards).toHaveLength(1);
    expect(b.messages).toEqual([]);
    expect(b.status).toBe(a.status);

    const team = first.conversation('channel', alex);
    const start = (await team.say('checklist')).cards[0]!;
    const item = (await press(team, start, 'Start', { partnershipName: 'Repeatham SCP' })).card;
    const action = executeAction(item, 'Save & next');
    const invoke = team.base({ type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, answer: 'partly', note: '' } }, trigger: 'manual' } });
    const history = () => first.app.storage.database.db.selectFrom('answer_history').selectAll().execute();
    const once = await team.post(invoke);
    const rows = (await history()).length;
    const twice = await via(second, team, alex).post(invoke);
    expect(twice.body).toEqual(once.body);
    expect((await history()).length).toBe(rows);
  });
});
