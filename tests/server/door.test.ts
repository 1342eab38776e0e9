/**
 * The door of /api/messages, through the real adapter and HTTP server: a
 * delivery Teams repeats is answered the same and handled once (also while the
 * first is still in hand), checklist saves are idempotent, the tenant
 * allow-list uses the tenant Teams vouches for, and a flood from one person is
 * dropped with one polite notice while others are served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText, TENANT, type Person } from '../support/conversation.js';
import { executeAction, press } from '../checklist/driver.js';

const alex: Person = { id: '29:alex', name: 'Alex Chief', aadObjectId: '00000000-0000-4000-8000-0000000000a1' };

describe('exactly once', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  const history = () => bot.app.storage.database.db.selectFrom('answer_history').selectAll().execute();

  it('answers a repeated message once, and the repeat gets the same HTTP answer', async () => {
    const c = bot.conversation('personal');
    const activity = c.base({ type: 'message', text: 'help', textFormat: 'plain' });
    const first = await c.post(activity);
    const again = await c.post(activity);
    expect(first.cards).toHaveLength(1);
    expect(again.messages).toEqual([]);
    expect([again.status, again.body]).toEqual([first.status, first.body]);
  });

  it('handles a repeat that arrives while the first is still being answered only once', async () => {
    const c = bot.conversation('personal');
    const activity = c.base({ type: 'message', text: 'who appoints the independent scrutineer', textFormat: 'plain' });
    bot.channel.delayMs = 300;
    const start = bot.channel.records.length;
    try {
      const [a, b] = await Promise.all([c.post(activity), c.post(activity)]);
      expect([a.status, b.status]).toEqual([200, 200]);
    } finally {
      bot.channel.delayMs = 0;
    }
    const answers = bot.channel.since(start).filter((r) => r.op === 'send' && r.conversationId === c.id && (r.activity.attachments as unknown[] | undefined)?.length);
    expect(answers).toHaveLength(1);
  });

  it('gives a repeated checklist save the same card and writes nothing twice; the same card pressed again changes nothing', async () => {
    const c = bot.conversation('channel', alex);
    const start = (await c.say('checklist')).cards[0]!;
    const item = (await press(c, start, 'Start', { partnershipName: 'Onceham SCP' })).card;
    // Press "Save & next" as Teams would, then deliver that very invoke again.
    const action = executeAction(item, 'Save & next');
    const invoke = c.base({ type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, answer: 'yes', note: 'Published March 2025' } }, trigger: 'manual' } });
    const first = await c.post(invoke);
    const rows = (await history()).length;
    const repeat = await c.post(invoke);
    expect(repeat.body).toEqual(first.body);
    expect((await history()).length).toBe(rows);
    // The same card pressed again (a new activity, the same data): nothing changes, and the next item is shown.
    const again = await c.execute(action.verb, { ...action.data, answer: 'yes', note: 'Published March 2025' });
    expect((await history()).length).toBe(rows);
    expect(cardText((again.body as { value: unknown }).value)).toMatch(/CIS-A2/);
  });
});

describe('the tenant allow-list', () => {
  const OTHER = '11111111-2222-4333-8444-555555555555';
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { ALLOWED_TENANT_IDS: TENANT } });
  });
  afterAll(() => bot.stop());

  const snapshot = async () => JSON.stringify(await Promise.all(['conversation_references', 'activity_receipts', 'subscriptions'].map((t) => bot.app.storage.database.db.selectFrom(t as 'subscriptions').selectAll().execute())));

  it('refuses another tenant with nothing sent and nothing written', async () => {
    const c = bot.conversation('personal');
    const before = await snapshot();
    const refused = await c.post(c.base({ type: 'message', text: 'subscribe', channelData: { tenant: { id: OTHER } }, conversation: { id: c.id, conversationType: 'personal', tenantId: OTHER } }));
    expect(refused.status).toBe(403);
    expect(refused.records).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('trusts the tenant in channelData, which Teams vouches for, over the conversation field', async () => {
    const c = bot.conversation('channel');
    const spoofed = await c.post(c.base({ type: 'message', text: '<at>LSCP Assistant</at> help', entities: [{ type: 'mention', text: '<at>LSCP Assistant</at>', mentioned: { id: '28:lscp-assistant-bot' } }], channelData: { tenant: { id: OTHER }, team: { id: c.teamId } }, conversation: { id: c.id, conversationType: 'channel', isGroup: true, tenantId: TENANT } }));
    expect(spoofed.status).toBe(403);
    expect(spoofed.records).toEqual([]);
  });

  it('serves a guest from another organisation in an allowed tenant’s team', async () => {
    const guest: Person = { id: '29:guest', name: 'Gale Guest (External)', aadObjectId: '22222222-3333-4444-8555-666666666666' };
    const c = bot.conversation('channel', guest);
    const turn = await c.post({ ...c.base({ type: 'message', text: '<at>LSCP Assistant</at> help', entities: [{ type: 'mention', text: '<at>LSCP Assistant</at>', mentioned: { id: '28:lscp-assistant-bot' } }] }), from: { ...guest, tenantId: OTHER } });
    expect(turn.status).toBe(200);
    expect(cardText(turn.cards[0])).toMatch(/What I can do/);
  });
});

describe('fair use', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { FAIR_USE_BURST: '3', FAIR_USE_PER_MINUTE: '1' } });
  });
  afterAll(() => bot.stop());

  it('answers a burst, tells the sender once to slow down, drops the rest, and serves everyone else', async () => {
    const flooder = bot.conversation('personal');
    const turns = [];
    for (let i = 0; i < 12; i += 1) turns.push(await flooder.say(`question number ${i} about scrutiny`));
    expect(turns.every((t) => t.status === 200)).toBe(true);
    expect(turns.filter((t) => t.cards.length > 0)).toHaveLength(3);
    const notices = turns.flatMap((t) => t.texts).filter((t) => /faster than I can answer/.test(t));
    expect(notices).toHaveLength(1);
    expect(turns.slice(4).every((t) => t.messages.length === 0)).toBe(true);
    // A card button pressed by the same person now gets the notice as its card, and nothing runs.
    const pressed = await flooder.execute('notify.cancel', {});
    expect(cardText((pressed.body as { value: unknown }).value)).toMatch(/faster than I can answer/);
    const other = await bot.conversation('personal').say('help');
    expect(other.cards).toHaveLength(1);
  });
});
