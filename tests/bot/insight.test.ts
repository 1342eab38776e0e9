/**
 * The national picture and recurring themes over HTTP, end to end: partnerships'
 * leaders answer the checklist through the real bot (cards pressed as Teams
 * presses them, in their own channels and chats), a facilitator then sees the
 * exact counts, the 4-versus-5 suppression boundary, sections and weakest items,
 * the report CLI's CSV and JSON, and the themes of the questions asked; anyone
 * else is refused; and nothing, in a card, an export or the logs, names a
 * partnership or a person.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCli } from '../../src/cli/report.js';
import { flattenItems, type AnswerValue } from '../../src/checklist/definition.js';
import { NOT_A_FACILITATOR } from '../../src/facilitators/roles.js';
import { topicLabel, topicOfPassage } from '../../src/insight/themes.js';
import { createLogger } from '../../src/logging.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardActions, cardText, type Person, type TestConversation } from '../support/conversation.js';
import { postgresUrl, testDatabases } from '../support/databases.js';
import { buttonTitles, type Card } from '../support/press.js';
import { cardProblems } from '../support/validateCard.js';
import { press, pressFallback } from '../checklist/driver.js';
import { seedPartnership } from '../insight/seed.js';

const facilitator: Person = { id: '29:jo-facilitator', name: 'Jo Facilitator', aadObjectId: '0f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b' };
const leader = (n: number): Person => ({ id: `29:leader-${n}`, name: `Leader Person${n}`, aadObjectId: `00000000-0000-4000-8000-00000000010${n}` });

/** Partnerships, their spaces, and their answers to CIS-A1, A2, A3… in order. Names are distinctive so a leak is easy to spot. */
const PARTNERSHIPS: Array<{ name: string; kind: 'channel' | 'groupChat'; answers: AnswerValue[] }> = [
  { name: 'Zebraford SCP', kind: 'channel', answers: ['yes', 'yes', 'no'] },
  { name: 'Quillmouth SCP', kind: 'channel', answers: ['yes', 'no', 'no'] },
  { name: 'Harrowgate Vale SCP', kind: 'channel', answers: ['no', 'partly', 'dont-know'] },
  { name: 'Oxbridge Fen SCP', kind: 'groupChat', answers: ['partly', 'yes', 'no'] },
  { name: 'Wyvern Coast SCP', kind: 'channel', answers: ['yes', 'dont-know'] },
  { name: 'Kestrel Moor SCP', kind: 'groupChat', answers: ['dont-know'] },
];
const SEVENTH = 'Yarrowdale SCP';
const NAMES = [...PARTNERSHIPS.map((p) => p.name), SEVENTH, 'Draft Only SCP'];

const logLines: string[] = [];
let bot: TestBot;
const spaces: TestConversation[] = [];

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  bot = await startTestBot({ env: { FACILITATOR_IDS: facilitator.aadObjectId! }, log: createLogger('info', sink) });
});
afterAll(() => bot.stop());

function valid(card: Card): Card {
  expect(cardProblems(card)).toEqual([]);
  return card;
}

/** Nothing that names a partnership, a person or a space. */
function anonymous(text: string) {
  for (const name of [...NAMES, 'Leader Person', 'Jo Facilitator']) expect(text).not.toContain(name);
  expect(text).not.toMatch(/team:|chat:|user:|19:[a-z]|cis-[a-z0-9]{10}/);
}

async function facilitatorSays(text: string): Promise<Card> {
  const turn = await bot.conversation('personal', facilitator).say(text);
  expect(turn.cards, turn.texts.join(' | ')).toHaveLength(1);
  return valid(turn.cards[0]!);
}

function chart(card: Card, type: string) {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === type) found.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  expect(found).toHaveLength(1);
  return found[0] as { data: Array<Record<string, unknown>>; fallback: unknown };
}

/** Chart.VerticalBar.Grouped data as "legend x=y" strings. */
const bars = (c: { data: Array<Record<string, unknown>> }) => c.data.flatMap((s) => (s.values as Array<{ x: string; y: number }>).map((v) => `${s.legend} ${v.x}=${v.y}`));

describe('the national picture', () => {
  it('is refused to anyone but a facilitator, by command and by card button, running nothing', async () => {
    const someone = bot.conversation('personal', leader(9));
    for (const text of ['national picture', 'themes', 'themes 90']) {
      const turn = await someone.say(text);
      expect(turn.texts).toEqual([NOT_A_FACILITATOR]);
      expect(turn.cards).toEqual([]);
    }
    for (const [verb, data] of [['national.section', { cv: 1, section: 'A' }], ['national.picture', { cv: 1 }], ['themes.period', { cv: 1, days: 90 }]] as const) {
      const turn = await someone.execute(verb, data);
      const card = (turn.body as { value: Card }).value;
      expect(cardText(card)).toContain(NOT_A_FACILITATOR);
      expect(JSON.stringify(card)).not.toMatch(/Chart\./);
    }
    const help = cardText((await someone.say('help')).cards[0]);
    expect(help).not.toMatch(/national picture|themes/);
    expect(cardText(await facilitatorSays('help'))).toMatch(/national picture[\s\S]*themes/);
  });

  it('says there is nothing to show before enough partnerships have answered', async () => {
    const card = await facilitatorSays('national picture');
    expect(cardText(card)).toMatch(/fewer than 5 partnerships have answered the checklist/);
    expect(JSON.stringify(card)).not.toMatch(/Chart\./);
  });

  it('counts six partnerships seeded through the bot exactly, suppressing the item only four answered', async () => {
    for (const [i, p] of PARTNERSHIPS.entries()) {
      const conversation = bot.conversation(p.kind, leader(i + 1));
      spaces.push(conversation);
      await seedPartnership(conversation, p.name, p.answers);
    }
    // One person's own draft in personal chat is not a partnership's assessment.
    await seedPartnership(bot.conversation('personal', leader(8)), 'Draft Only SCP', ['no', 'no', 'no']);

    const card = await facilitatorSays('national picture');
    anonymous(JSON.stringify(card));
    const text = cardText(card);
    expect(text).toMatch(/From the latest assessments of 6 partnerships/);
    // Section A adds up A1 (6 partnerships) and A2 (5); A3 (4 partnerships) is left out of it.
    expect(bars(chart(card, 'Chart.VerticalBar.Grouped'))).toEqual(['Yes A=5', 'Partly A=2', 'No A=2', "Don't know A=2"]);
    expect(text).toContain("**A. Published arrangements and governance** · Yes 5 · Partly 2 · No 2 · Don't know 2 answers from 6 partnerships");
    expect(text).toMatch(/Not shown \(fewer than 5 partnerships\): sections B, C, D, E, F, G, H\./);
    expect(text).toContain("**CIS-A2** · No 1 · Don't know 1 · of 5 partnerships");
    expect(text).not.toContain('**CIS-A3**');

    const section = valid((await press(bot.conversation('personal', facilitator), card, 'Open section', { section: 'A' })).card);
    const lines = cardText(section);
    expect(lines).toContain("**CIS-A1** · Yes 3 · Partly 1 · No 1 · Don't know 1 · of 6 partnerships");
    expect(lines).toContain("**CIS-A2** · Yes 2 · Partly 1 · No 1 · Don't know 1 · of 5 partnerships");
    expect(lines).toContain('**CIS-A3** · fewer than 5 partnerships');
    expect(lines).toContain('**CIS-A4** · fewer than 5 partnerships');
  });

  it("uses a partnership's signed-off assessment over a newer one in progress, which takes the item from 4 partnerships to 5", async () => {
    const conversation = bot.conversation('channel', leader(7));
    const all = flattenItems(bot.app.services.checklist.definition!);
    let card = await seedPartnership(conversation, SEVENTH, all.map(() => 'yes'));
    card = (await press(conversation, card, 'Sign off')).card;
    card = (await press(conversation, card, 'Sign off')).card;
    expect(cardText(card)).toMatch(/Signed off by Leader Person7/);
    card = (await press(conversation, card, 'Start a new assessment')).card;
    card = (await press(conversation, card, 'Start', { partnershipName: SEVENTH })).card;
    await press(conversation, card, 'Save & next', { answer: 'no' });

    const picture = await facilitatorSays('national picture');
    anonymous(JSON.stringify(picture));
    expect(cardText(picture)).toMatch(/From the latest assessments of 7 partnerships/);
    // CIS-A1 counts the signed-off Yes, not the new No.
    expect(bars(chart(picture, 'Chart.VerticalBar.Grouped'))).toEqual(['Yes A=8', 'Partly A=2', 'No A=5', "Don't know A=3"]);
    // Weakest first: A3 (4 of 5 No or Don't know), then A2 (2 of 6), then A1 (2 of 7); a zero segment is not drawn.
    const weakest = chart(picture, 'Chart.HorizontalBar.Stacked');
    expect(weakest.data.map((d) => `${d.title}: ${(d.data as Array<{ legend: string; value: number }>).map((v) => `${v.legend} ${v.value}`).join(', ')}`)).toEqual([
      "CIS-A3: Yes 1, No 3, Don't know 1",
      "CIS-A2: Yes 3, Partly 1, No 1, Don't know 1",
      "CIS-A1: Yes 4, Partly 1, No 1, Don't know 1",
    ]);

    // Through the Action.Submit fallback too (a client without Universal Actions), updating the card in place.
    const section = valid((await pressFallback(bot.conversation('personal', facilitator), picture, 'Open section', { section: 'A' }, 'picture-1')).card);
    expect(cardText(section)).toContain("**CIS-A3** · Yes 1 · Partly 0 · No 3 · Don't know 1 · of 5 partnerships");
    expect(cardText(section)).toContain('**CIS-A4** · fewer than 5 partnerships');
    const other = valid((await press(bot.conversation('personal', facilitator), section, 'Open section', { section: 'H' })).card);
    expect(cardText(other)).toMatch(/H\. Yearly report[\s\S]*rests on fewer than 5 partnerships/);
    const back = valid((await press(bot.conversation('personal', facilitator), other, 'Back to the national picture')).card);
    expect(cardText(back)).toMatch(/From the latest assessments of 7 partnerships/);
    expect(cardText(await facilitatorSays('national picture a'))).toContain("**CIS-A1** · Yes 4 · Partly 1 · No 1 · Don't know 1 · of 7 partnerships");
    expect((await bot.conversation('personal', facilitator).say('national picture z')).texts).toEqual(['There is no section "z" in the checklist; sections run from A to H.']);
  });

  it("sets a partnership's own answers beside the national figures, only where enough partnerships answered", async () => {
    const zebraford = spaces[0]!;
    const summary = valid((await zebraford.say('checklist summary')).cards[0]!);
    expect(buttonTitles(summary)).toContain('How you compare nationally');
    const compared = valid((await press(zebraford, summary, 'How you compare nationally')).card);
    const text = cardText(compared);
    expect(text).toContain('**CIS-A1** · Yes – evidenced · nationally: 4 of 7 partnerships say Yes');
    expect(text).toContain('**CIS-A2** · Yes – evidenced · nationally: 3 of 6 partnerships say Yes');
    expect(text).toContain('**CIS-A3** · No · nationally: 1 of 5 partnerships say Yes');
    expect(text).not.toContain('CIS-A4');
    anonymous(text.replace('Zebraford SCP', ''));
    expect(buttonTitles(compared)).toEqual(['Back to the summary']);

    // Another space's card cannot be used to read this partnership's answers.
    const intruder = await bot.conversation('channel', leader(9)).execute('checklist.compare', executeData(compared));
    expect(cardText((intruder.body as { value: Card }).value)).toMatch(/belongs to a checklist for a different team/);
  });

  it('writes the same figures as CSV and JSON with the report CLI, suppressed cells empty', async () => {
    const run = async (...args: string[]) => {
      let out = '';
      const code = await runReportCli(args, { DATA_DIR: bot.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { out: (t) => (out += t), err: (t) => expect.fail(t) });
      expect(code).toBe(0);
      return out;
    };
    const csv = (await run('national', '--format', 'csv')).split('\r\n');
    expect(csv[0]).toBe('item,section,yes,partly,no,dont_know,partnerships');
    expect(csv.slice(1, 6)).toEqual(['CIS-A1,A,4,1,1,1,7', 'CIS-A2,A,3,1,1,1,6', 'CIS-A3,A,1,0,3,1,5', 'CIS-A4,A,,,,,', 'CIS-A5,A,,,,,']);
    expect(csv).toContain('all,A,8,2,5,3,7');
    expect(csv).toContain('all,B,,,,,');
    expect(csv.at(-2)).toBe('all,all,8,2,5,3,7');
    expect(csv).toHaveLength(1 + 39 + 8 + 1 + 1);
    const json = JSON.parse(await run('national', '--format', 'json')) as { partnerships: number; minPartnerships: number; items: Array<Record<string, unknown>>; weakest: string[] };
    expect(json.partnerships).toBe(7);
    expect(json.minPartnerships).toBe(5);
    expect(json.items.find((i) => i.item === 'CIS-A3')).toMatchObject({ yes: 1, partly: 0, no: 3, dontKnow: 1, partnerships: 5, suppressed: false });
    expect(json.items.find((i) => i.item === 'CIS-A4')).toMatchObject({ yes: null, partnerships: null, suppressed: true });
    expect(json.weakest).toEqual(['CIS-A3', 'CIS-A2', 'CIS-A1']);
    anonymous(csv.join('\n') + JSON.stringify(json));
  });
});

/** The data a card's first Execute button carries (for replaying it from elsewhere). */
function executeData(card: Card): Record<string, unknown> {
  return (cardActions(card).find((a) => a.type === 'Action.Execute')?.data ?? {}) as Record<string, unknown>;
}

describe('recurring themes', () => {
  const ANSWERED = 'who should scrutinise our partnership?';
  const DECLINED = 'what is the best recipe for a chocolate cake?';

  it('counts questions by the topic that answered them, with partnerships, declines and topics nobody asked about', async () => {
    const topic = topicOfPassage(bot.app.knowledge.ask(ANSWERED, { limit: 1 }).passages[0]!);
    const label = topicLabel(topic, bot.app.services.checklist.definition);
    // Five partnerships ask it, one of them twice; two of them also ask something the guidance has nothing on.
    for (const space of spaces.slice(0, 5)) await space.say(ANSWERED);
    await spaces[0]!.say(ANSWERED);
    for (const space of spaces.slice(0, 2)) await space.say(DECLINED);
    await spaces[5]!.say('what does DSP stand for?');

    const card = await facilitatorSays('themes');
    const text = cardText(card);
    expect(text).toMatch(/Recurring themes · the last 30 days/);
    // The two declines and the glossary question come from fewer than 5 partnerships, so they are not in the totals.
    expect(text).toContain('6 questions from 6 partnerships: 6 answered, 0 declined.');
    expect(text).toMatch(new RegExp(`${label.replace(/[.()]/g, '\\$&')}\\s+6 questions · 5 partnerships`));
    expect(text).toMatch(/Glossary\s+fewer than 5 partnerships/);
    expect(text).toMatch(/No close topic\s+fewer than 5 partnerships/);
    expect(text).toMatch(/Nobody asked about: .*Practice examples by area/);
    anonymous(JSON.stringify(card));
    expect(JSON.stringify(card)).not.toMatch(/chocolate|scrutinise our/);

    // The same through a button, and for 90 days by command; a bad period is one friendly line.
    const ninety = valid((await press(bot.conversation('personal', facilitator), card, 'Last 90 days')).card);
    expect(cardText(ninety)).toMatch(/the last 90 days[\s\S]*6 questions from 6 partnerships/);
    expect(cardText(await facilitatorSays('themes 90'))).toMatch(/the last 90 days/);
    expect((await bot.conversation('personal', facilitator).say('themes 0')).texts).toEqual(['Please give a number of days from 1 to 730, for example **themes 90**.']);

    // What is stored: a topic, a day, an outcome, an opaque key and a count; never the words, nor who or where.
    const rows = await bot.app.storage.database.db.selectFrom('question_themes').selectAll().execute();
    expect(rows.reduce((n, r) => n + Number(r.questions), 0)).toBe(9);
    expect(new Set(rows.map((r) => r.partnership_key)).size).toBe(6);
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(/scrutinise|chocolate|DSP|stand for/i);
    anonymous(stored);

    let csv = '';
    expect(await runReportCli(['themes', '--days', '30'], { DATA_DIR: bot.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { out: (t) => (csv += t), err: (t) => expect.fail(t) })).toBe(0);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('topic,label,outcome,questions,partnerships');
    expect(lines).toContain(`${topic},${label},answered,6,5`);
    expect(lines).toContain('guidance:glossary,Glossary,answered,,');
    expect(lines).toContain('none,No close topic,declined,,');
    expect(lines).toContain('all,All topics shown,all,6,6');
    let json = '';
    await runReportCli(['themes', '--format', 'json'], { DATA_DIR: bot.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { out: (t) => (json += t), err: (t) => expect.fail(t) });
    expect(JSON.parse(json)).toMatchObject({ days: 30, totals: { questions: 6, answered: 6, declined: 0, partnerships: 6 } });
  });

  it('never logs a partnership, a person or a question', () => {
    const logs = logLines.join('');
    expect(logs).toMatch(/"event":"national_picture"/);
    expect(logs).toMatch(/"event":"themes"/);
    anonymous(logs.replace(/"conversation":"[a-z]+"/g, ''));
    expect(logs).not.toMatch(/chocolate|scrutinise our/);
  });
});

describe.runIf(postgresUrl)('on PostgreSQL', () => {
  const target = testDatabases().find((d) => d.name === 'postgres')!;
  let pgBot: TestBot;
  beforeAll(async () => {
    const options = await target.create();
    pgBot = await startTestBot({ dataDir: options.dataDir, env: { DATABASE_URL: options.databaseUrl!, FACILITATOR_IDS: facilitator.aadObjectId! } });
  });
  afterAll(async () => {
    await pgBot?.stop();
    await target.dropAll();
  });

  it('counts the same way', async () => {
    for (const [i, p] of PARTNERSHIPS.slice(0, 5).entries()) await seedPartnership(pgBot.conversation(p.kind, leader(i + 1)), p.name, p.answers.slice(0, 1));
    const turn = await pgBot.conversation('personal', facilitator).say('national picture a');
    expect(cardText(turn.cards[0])).toContain("**CIS-A1** · Yes 3 · Partly 1 · No 1 · Don't know 0 · of 5 partnerships");
  });
});
