/**
 * Conversation tests through the real restify server and CloudAdapter: activities
 * go in over HTTP, replies come back to a channel stand-in on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardActions, cardText } from '../support/conversation.js';

describe('a new conversation', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('welcomes people with one card when the bot is installed', async () => {
    const turn = await bot.conversation('personal').install();
    expect(turn.status).toBe(200);
    expect(turn.cards).toHaveLength(1);
    const text = cardText(turn.cards[0]);
    expect(text).toMatch(/Welcome to LSCP Assistant/);
    expect(text).toMatch(/not case work/);
    expect(cardActions(turn.cards[0]).map((a) => a.title)).toEqual(expect.arrayContaining(['Start the checklist', 'Browse topics']));
  });

  it('welcomes a team once when added, with a reminder to @mention', async () => {
    const turn = await bot.conversation('channel').install();
    expect(turn.cards).toHaveLength(1);
    expect(cardText(turn.cards[0])).toMatch(/@LSCP Assistant/);
  });

  it('answers help with a card listing what it can do', async () => {
    const turn = await bot.conversation('personal').say('help');
    expect(turn.cards).toHaveLength(1);
    const text = cardText(turn.cards[0]);
    expect(text).toMatch(/What I can do/);
    expect(text).toMatch(/\bhelp\b/);
  });

  it('runs a command pressed on a card (Action.Submit)', async () => {
    const turn = await bot.conversation('personal').submit({ command: 'help' });
    expect(cardText(turn.cards[0])).toMatch(/What I can do/);
  });

  it('strips the @mention in a channel before reading the command', async () => {
    const turn = await bot.conversation('channel').say('help', { mention: true });
    expect(turn.cards).toHaveLength(1);
    expect(cardText(turn.cards[0])).toMatch(/What I can do/);
  });

  it('strips the @mention in a group chat too', async () => {
    const turn = await bot.conversation('groupChat').say('  HELP ', { mention: true });
    expect(cardText(turn.cards[0])).toMatch(/What I can do/);
  });

  it('stays quiet in a channel when not @mentioned', async () => {
    const turn = await bot.conversation('channel').say('help', { mention: false });
    expect(turn.status).toBe(200);
    expect(turn.messages).toEqual([]);
  });

  it('answers thanks and goodbye as a person would, not as a question it could not find', async () => {
    for (const said of ['thanks', 'Thank you!', 'cheers', 'ok']) {
      const turn = await bot.conversation('personal').say(said);
      expect(turn.cards, said).toEqual([]);
      expect(turn.texts.join(' '), said).toMatch(/You are welcome/);
    }
    expect((await bot.conversation('groupChat').say('bye', { mention: true })).texts.join(' ')).toMatch(/Goodbye/);
    // A question that starts with "thanks" is still a question.
    const question = await bot.conversation('personal').say('thanks - who chairs the partnership under wt23?');
    expect(question.cards).toHaveLength(1);
  });

  it('gives a short hint for an empty message', async () => {
    const turn = await bot.conversation('personal').say('   ');
    expect(turn.texts.join(' ')).toMatch(/type \*\*help\*\*/);
  });

  it('answers an unknown card verb with a card in place, not an error', async () => {
    const turn = await bot.conversation('personal').execute('no.such.verb', {});
    expect(turn.status).toBe(200);
    expect(turn.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText((turn.body as { value: unknown }).value)).toMatch(/older version of this card/);
  });

  it('answers a malformed universal action with a card, not a crash', async () => {
    const conversation = bot.conversation('personal');
    const turn = await conversation.post(conversation.base({ type: 'invoke', name: 'adaptiveCard/action', value: { action: 'oops' } }));
    expect(turn.status).toBe(200);
    expect(turn.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });

  it('answers a card submit with a malformed value politely', async () => {
    const turn = await bot.conversation('personal').submit({ nonsense: true });
    expect(cardText(turn.cards[0])).toMatch(/nothing was changed/i);
  });
});

describe('hostile and malformed requests', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { MAX_BODY_BYTES: '4096' } });
  });
  afterAll(() => bot.stop());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers, body });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await post('{not json');
    expect(res.status).toBe(400);
  });

  it('rejects JSON that is not an activity with a clear 400', async () => {
    const res = await post(JSON.stringify({ type: 'message', text: 'hi' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_activity');
    expect(body.message).toMatch(/not a valid Bot Framework activity/);
  });

  it('rejects a body over the size limit with 413', async () => {
    const conversation = bot.conversation('personal');
    const res = await post(JSON.stringify(conversation.base({ type: 'message', text: 'x'.repeat(10_000) })));
    expect(res.status).toBe(413);
  });

  it('in local mode refuses to reply to a serviceUrl off this machine', async () => {
    const conversation = bot.conversation('personal');
    const res = await post(JSON.stringify({ ...conversation.base({ type: 'message', text: 'help' }), serviceUrl: 'https://smba.trafficmanager.net/uk/' }));
    expect(res.status).toBe(403);
    expect(bot.channel.records.filter((r) => r.conversationId === conversation.id)).toEqual([]);
  });

  it('only GET and POST where they belong', async () => {
    expect((await fetch(`${bot.app.url}/api/messages`)).status).toBe(405);
  });
});

describe('with an Azure Bot registration configured', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      env: {
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
        MicrosoftAppType: 'SingleTenant',
        PUBLIC_BASE_URL: 'https://lscp.example.org',
        REPORT_LINK_SECRET: 'r'.repeat(40),
      },
    });
  });
  afterAll(() => bot.stop());

  it('refuses an activity without a token (fails closed)', async () => {
    const conversation = bot.conversation('personal');
    const turn = await conversation.say('help');
    expect(turn.status).toBe(401);
    expect(turn.messages).toEqual([]);
  });
});

describe('when a turn fails unexpectedly', () => {
  it('tells the user something friendly with a reference, and logs the error with the same reference', async () => {
    const lines: string[] = [];
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../src/logging.js');
    const log = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const bot = await startTestBot({ log });
    try {
      await bot.app.storage.close(); // every store call now fails
      const turn = await bot.conversation('personal').say('checklist progress');
      expect(turn.status).toBe(200);
      const text = turn.texts.join(' ');
      expect(text).toMatch(/Sorry, something went wrong on my side/);
      expect(text).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
      const reference = /reference: ([0-9a-f]{8})/.exec(text)?.[1];
      expect(reference).toBeTruthy();
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; reference?: string; level: number }).find((l) => l.msg === 'turn failed');
      expect(logged).toMatchObject({ reference, level: 50 });
      expect(lines.join('\n')).not.toContain('checklist progress'); // the route's name is logged, never the text
    } finally {
      await bot.stop();
    }
  });
});
