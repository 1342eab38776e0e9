/**
 * Publishing a briefing from Teams, through the real adapter and HTTP server:
 * a facilitator sends a PDF or a Word file in personal chat (a Teams
 * file.download.info attachment whose downloadUrl the channel stand-in serves),
 * gets the draft card, publishes from its own buttons, and the briefing answers
 * at once, is listed and shareable; withdrawing takes it out again. Every bad
 * file gets its own message and changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/app.js';
import { ASK_ABOUT_BRIEFING } from '../../src/facilitators/notice.js';
import { NOT_A_FACILITATOR } from '../../src/facilitators/roles.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText, type TestConversation } from '../support/conversation.js';
import { buttonTitles, pressButton, type Card } from '../support/press.js';
import { FACILITATOR, FAST_DELIVERY, noticesIn, subscribed, waitFor } from '../delivery/support.js';
import { untilLive } from './support.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'publishing', name)));
const KESTREL_QUESTION = 'What is the Kestrel review cycle?';
const HERON_QUESTION = 'How does the Heron handover pathway work?';
const POINTS = {
  point1: 'A scrutineer looks again at twelve closed referrals every six weeks.',
  point2: 'Practitioners never review referrals from their own team.',
  point3: 'The executive agrees at most three actions per cycle.',
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { ...FAST_DELIVERY, FILE_DOWNLOAD_HOSTS: '127.0.0.1', PUBLICATION_POLL_MS: '200', FILE_DOWNLOAD_TIMEOUT_MS: '1500', MAX_UPLOAD_MB: '1' } });
});
afterAll(() => bot.stop());

const facilitator = () => bot.conversation('personal', FACILITATOR);

/** The values of a card's inputs, as Teams sends them with a button press. */
function inputsOf(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') values[o.id] = typeof o.value === 'string' ? o.value : '';
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  walk(card.body);
  return values;
}

async function draftFor(conversation: TestConversation, name: string, bytes: Uint8Array): Promise<Card> {
  const turn = await conversation.sendFile(name, bot.channel.hostFile(name, { bytes }));
  expect(turn.status).toBe(200);
  const card = turn.cards[0];
  expect(card, `a draft card for ${name} (got: ${turn.texts.join(' ')})`).toBeDefined();
  return card!;
}

async function counts() {
  const db = bot.app.storage.database.db;
  const drafts = await db.selectFrom('publication_drafts').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const publications = await db.selectFrom('publications').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { drafts: Number(drafts.n), publications: Number(publications.n) };
}

function cited(conversationTurn: { cards: Card[] }, title: RegExp): boolean {
  return conversationTurn.cards.some((c) => title.test(cardText(c)));
}

describe('publishing a PDF from Teams', () => {
  let publishedId = '';

  it('shows a draft card with what the PDF says, and publishes from its own button', async () => {
    const before = await facilitator().say(KESTREL_QUESTION);
    expect(cited(before, /Kestrel review cycle: a briefing/)).toBe(false);

    const you = facilitator();
    const draft = await draftFor(you, 'kestrel-briefing.pdf', fixture('kestrel-briefing.pdf'));
    const text = cardText(draft);
    expect(text).toMatch(/Draft briefing/);
    expect(text).toMatch(/What the Kestrel review cycle is/);
    expect(text).toMatch(/Who takes part in a Kestrel cycle/);
    expect(inputsOf(draft)).toMatchObject({ title: 'The Kestrel review cycle: a briefing for partnership scrutineers', date: '2026-11-20', publisher: 'Northmoor Safeguarding Partnership' });
    expect(buttonTitles(draft)).toEqual(['Publish', 'Publish and notify subscribers', 'Discard']);
    expect((await counts()).drafts).toBe(1);

    const card = await untilLive(you, (await pressButton(you, draft, 'Publish', { ...inputsOf(draft), ...POINTS })).card);
    expect(cardText(card)).toMatch(/Published: The Kestrel review cycle/);
    expect(cardText(card)).toMatch(/It is in the answers now/);
    expect(cardText(card)).toMatch(/Fran Facilitator/);
    publishedId = String(/Id\n(\S+)/.exec(cardText(card))?.[1]);
    const row = await bot.app.storage.publications.get(publishedId);
    expect(row).toMatchObject({ title: 'The Kestrel review cycle: a briefing for partnership scrutineers', publishedByName: 'Fran Facilitator', status: 'published', keyPoints: Object.values(POINTS) });
    expect(row!.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('answers a question only the new briefing answers, citing it, for anyone', async () => {
    const asked = await bot.conversation('personal').say(KESTREL_QUESTION);
    expect(asked.cards).toHaveLength(1);
    const text = cardText(asked.cards[0]);
    expect(text).toMatch(/six-week rhythm/);
    expect(text).toMatch(/Kestrel review cycle: a briefing for partnership scrutineers/);
    expect(text).toMatch(/Northmoor Safeguarding Partnership/);
  });

  it('lists it in briefings and offers it in the message extension', async () => {
    const list = await bot.conversation('personal').say('briefings');
    expect(cardText(list.cards[0])).toMatch(/The Kestrel review cycle/);
    const c = bot.conversation('channel');
    const share = await c.post(c.base({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'shareBriefing', parameters: [{ name: 'query', value: 'kestrel' }], queryOptions: { skip: 0, count: 25 } } }));
    const attachments = (share.body as { composeExtension: { attachments: Array<{ content: unknown }> } }).composeExtension.attachments;
    expect(attachments.length).toBe(1);
    expect(cardText(attachments[0]!.content)).toMatch(/The Kestrel review cycle/);
  });

  it('a second press of Publish on the same draft publishes nothing new', async () => {
    const drafts = await bot.app.storage.database.db.selectFrom('publication_drafts').select(['id']).where('publication_id', '=', publishedId).execute();
    const again = await facilitator().execute('publish.confirm', { d: drafts[0]!.id, n: false, title: 'Another title', date: '2026-11-20', publisher: 'Someone else', topic: 'scrutiny', ...POINTS });
    expect(cardText((again.body as { value: Card }).value)).toMatch(/Published: The Kestrel review cycle/);
    expect((await counts()).publications).toBe(1);
  });

  it('withdraws it after a confirm; answers and lists no longer have it, and its cards say it was withdrawn', async () => {
    const reader = bot.conversation('personal');
    const earlierAnswer = (await reader.say(KESTREL_QUESTION)).cards[0]!;
    expect(cited({ cards: [earlierAnswer] }, /Kestrel review cycle: a briefing/)).toBe(true);
    const you = facilitator();
    const ask = await you.say('withdraw briefing kestrel');
    const confirm = ask.cards[0]!;
    expect(cardText(confirm)).toMatch(/Withdraw this briefing\?/);
    expect(buttonTitles(confirm)).toEqual(['Withdraw', 'Keep it']);
    const kept = await pressButton(you, confirm, 'Keep it');
    expect(cardText(kept.card)).toMatch(/stays published/);
    expect(bot.app.knowledge.document(publishedId)).toBeDefined();

    const { card } = await pressButton(you, confirm, 'Withdraw');
    expect(cardText(card)).toMatch(/was withdrawn\. (It is no longer in the answers|It leaves the answers as soon as the index is rebuilt)/);
    await waitFor('the index without it', () => !bot.app.knowledge.document(publishedId), 30_000);

    const asked = await bot.conversation('personal').say(KESTREL_QUESTION);
    expect(cited(asked, /Kestrel review cycle: a briefing/)).toBe(false);
    expect(cardText((await bot.conversation('personal').say('briefings')).cards[0])).not.toMatch(/Kestrel/);
    // Buttons on cards sent before (a notice's "Ask about this briefing", a share card's "about <id>").
    const about = await bot.conversation('personal').say(`about ${publishedId}`);
    expect(about.texts.join(' ')).toMatch(/was withdrawn on \d{4}-\d{2}-\d{2} by Fran Facilitator/);
    const notice = await bot.conversation('personal').execute(ASK_ABOUT_BRIEFING, { d: publishedId, question: 'who takes part?' });
    expect(cardText((notice.body as { value: Card }).value)).toMatch(/was withdrawn/);
    expect((await bot.app.storage.publications.get(publishedId))?.status).toBe('withdrawn');
    // "Was this helpful?" on the answer given before the withdrawal.
    const voted = await pressButton(reader, earlierAnswer, 'Yes');
    expect(voted.turn.texts.join(' ')).toMatch(/“The Kestrel review cycle: a briefing for partnership scrutineers” was withdrawn on \d{4}-\d{2}-\d{2}/);

    const twice = await you.say('withdraw briefing kestrel');
    expect(twice.texts.join(' ')).toMatch(/couldn't find a briefing published in Teams/);
  });

  it('refuses to withdraw a curated briefing, saying where it lives', async () => {
    const turn = await facilitator().say('withdraw briefing 7-minute');
    expect(turn.texts.join(' ')).toMatch(/curated knowledge files/);
  });
});

describe('publishing a Word document and notifying subscribers', () => {
  it('publishes, marks the briefing it replaces as superseded, and queues the notice', async () => {
    const [subscriber] = await subscribed(bot, ['channel']);
    const you = facilitator();
    const draft = await draftFor(you, 'heron-briefing.docx', fixture('heron-briefing.docx'));
    expect(cardText(draft)).toMatch(/The three steps of a Heron handover/);
    expect(inputsOf(draft)).toMatchObject({ title: 'The Heron handover pathway', date: '2026-10-02', publisher: 'Westbrook Children Partnership' });

    const points = { point1: 'A family keeps one named worker when their case moves.', point2: 'Old and new workers meet the family together first.', point3: 'The outgoing worker stays in touch for four weeks.', point4: 'Ten families are asked each quarter if they had to repeat their story.' };
    const card = await untilLive(you, (await pressButton(you, draft, 'Publish and notify subscribers', { ...inputsOf(draft), ...points, replaces: 'briefing-2022-06-post-implementation' })).card);
    expect(cardText(card)).toMatch(/Published: The Heron handover pathway/);
    expect(cardText(card)).toMatch(/Queued for 1 subscribed conversation/);

    const asked = await bot.conversation('personal').say(HERON_QUESTION);
    expect(cardText(asked.cards[0])).toMatch(/The Heron handover pathway/);
    expect(cardText(asked.cards[0])).toMatch(/one named worker|outgoing and incoming workers/);

    const notices = await waitFor('the notice to reach the subscriber', () => {
      const found = noticesIn(bot, subscriber!.id);
      return found.length > 0 ? found : undefined;
    });
    expect(cardText(notices[0])).toMatch(/The Heron handover pathway/);
    expect(cardText(notices[0])).toMatch(/four weeks/);

    const old = bot.app.knowledge.document('briefing-2022-06-post-implementation');
    expect(old?.superseded).toBe(true);
    expect(old?.supersededBy?.title).toBe('The Heron handover pathway');
    const about = await bot.conversation('personal').say('about briefing-2022-06-post-implementation');
    expect(cardText(about.cards[0])).toMatch(/Superseded by the Heron handover pathway/i);
  });
});

describe('the draft card', () => {
  it('keeps what was typed and says what is missing when fewer than three key points are given', async () => {
    const you = facilitator();
    const draft = await draftFor(you, 'kestrel-again.pdf', fixture('kestrel-briefing.pdf'));
    const before = await counts();
    const { card } = await pressButton(you, draft, 'Publish', { ...inputsOf(draft), point1: POINTS.point1, point2: POINTS.point2, point3: '' });
    expect(cardText(card)).toMatch(/Please give three to five key points; nothing was published/);
    expect(inputsOf(card)).toMatchObject({ point1: POINTS.point1, point2: POINTS.point2 });
    expect(buttonTitles(card)).toContain('Publish');
    expect((await counts()).publications).toBe(before.publications);
  });

  it('survives a restart: a draft made before it publishes after', async () => {
    const you = facilitator();
    const draft = await draftFor(you, 'kestrel-restart.pdf', fixture('kestrel-briefing.pdf'));
    await bot.restart();
    const card = await untilLive(you, (await pressButton(you, draft, 'Publish', { ...inputsOf(draft), ...POINTS, title: 'The Kestrel review cycle, republished' })).card);
    expect(cardText(card)).toMatch(/Published: The Kestrel review cycle, republished/);
    expect(cardText(card)).toMatch(/It is in the answers now/);
  });

  it('Discard publishes nothing, and a draft is only its owner’s', async () => {
    const you = facilitator();
    const draft = await draftFor(you, 'heron-discard.docx', fixture('heron-briefing.docx'));
    const before = await counts();
    const other = bot.conversation('personal', { id: '29:other-fac', name: 'Olu Other', aadObjectId: '11111111-2222-4333-8444-555555555555' });
    const refused = await pressButton(other, draft, 'Publish', { ...inputsOf(draft), ...POINTS });
    expect(cardText(refused.card)).toMatch(/Sorry, only the programme’s facilitators/);
    const { card } = await pressButton(you, draft, 'Discard');
    expect(cardText(card)).toMatch(/Draft discarded/);
    const after = await pressButton(you, draft, 'Publish', { ...inputsOf(draft), ...POINTS });
    expect(cardText(after.card)).toMatch(/That draft was discarded/);
    expect((await counts()).publications).toBe(before.publications);
  });
});

describe('files that cannot be published get a clear message and change nothing', () => {
  const cases: Array<{ what: string; send: (c: TestConversation) => Promise<{ texts: string[] }>; message: RegExp }> = [
    { what: 'a PowerPoint file', send: (c) => c.sendFile('slides.pptx', bot.channel.hostFile('slides.pptx', { bytes: fixture('corrupt.docx') })), message: /I can publish PDF, Word \(\.docx\) and Markdown \(\.md\) files, and “slides\.pptx” is a \.pptx file/ },
    { what: 'an old .doc', send: (c) => c.sendFile('old.doc', bot.channel.hostFile('old.doc', { bytes: fixture('corrupt.docx') })), message: /older Word format \(\.doc\): save it as \.docx first/ },
    { what: 'a file over MAX_UPLOAD_MB', send: (c) => c.sendFile('huge.pdf', bot.channel.hostFile('huge.pdf', { bytes: new Uint8Array(1_200_000) })), message: /“huge\.pdf” is 1\.1 MB; I take files up to 1\.0 MB/ },
    { what: 'a file over the limit whose host does not say its size', send: (c) => c.sendFile('chunked.pdf', bot.channel.hostFile('chunked.pdf', { bytes: new Uint8Array(1_200_000), headers: { 'content-length': '' } })), message: /“chunked\.pdf” is larger than the limit; I take files up to 1\.0 MB/ },
    { what: 'an image-only PDF', send: (c) => c.sendFile('scanned.pdf', bot.channel.hostFile('scanned.pdf', { bytes: fixture('scanned.pdf') })), message: /has no text layer.*I don't read text from images/ },
    { what: 'an encrypted PDF', send: (c) => c.sendFile('encrypted.pdf', bot.channel.hostFile('encrypted.pdf', { bytes: fixture('encrypted.pdf') })), message: /“encrypted\.pdf” is protected with a password/ },
    { what: 'a corrupt PDF', send: (c) => c.sendFile('corrupt.pdf', bot.channel.hostFile('corrupt.pdf', { bytes: fixture('corrupt.pdf') })), message: /I couldn't open “corrupt\.pdf”: it is not a readable PDF/ },
    { what: 'a corrupt Word file', send: (c) => c.sendFile('corrupt.docx', bot.channel.hostFile('corrupt.docx', { bytes: fixture('corrupt.docx') })), message: /I couldn't open “corrupt\.docx”: it is not a readable Word document/ },
    { what: 'a PDF that is really something else', send: (c) => c.sendFile('renamed.pdf', bot.channel.hostFile('renamed.pdf', { bytes: fixture('heron-briefing.docx') })), message: /“renamed\.pdf”: it is not a readable PDF/ },
    { what: 'a download that fails', send: (c) => c.sendFile('gone.pdf', bot.channel.hostFile('gone.pdf', { bytes: fixture('kestrel-briefing.pdf'), status: 403 })), message: /I couldn't download “gone\.pdf” from Teams \(the link had expired or was refused\)/ },
    { what: 'a download that times out', send: (c) => c.sendFile('slow.pdf', bot.channel.hostFile('slow.pdf', { bytes: fixture('kestrel-briefing.pdf'), delayMs: 3000 })), message: /Downloading “slow\.pdf” took longer than 2 seconds, so I stopped/ },
    { what: 'a link on a host that is not allowed', send: (c) => c.sendFile('elsewhere.pdf', 'https://files.example.com/elsewhere.pdf'), message: /does not point at Microsoft's file store/ },
    { what: 'a link that redirects off the allowed hosts', send: (c) => c.sendFile('bounce.pdf', bot.channel.hostFile('bounce.pdf', { bytes: new Uint8Array(), status: 302, headers: { location: 'https://files.example.com/bounce.pdf' } })), message: /does not point at Microsoft's file store/ },
  ];

  it.each(cases)('$what', async ({ send, message }) => {
    const before = await counts();
    const turn = await send(facilitator());
    expect(turn.texts.join(' ')).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('a file from someone who is not a facilitator is not even fetched', async () => {
    const before = await counts();
    const fetched = bot.channel.fileRequests;
    const turn = await bot.conversation('personal').sendFile('kestrel-briefing.pdf', bot.channel.hostFile('kestrel-briefing.pdf', { bytes: fixture('kestrel-briefing.pdf') }));
    expect(turn.texts).toEqual([NOT_A_FACILITATOR]);
    expect(bot.channel.fileRequests).toBe(fetched);
    expect(await counts()).toEqual(before);
  });

  it('an attachment Teams sent without a usable link', async () => {
    const c = facilitator();
    const before = await counts();
    const turn = await c.post(c.base({ type: 'message', text: '', attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'x.pdf', content: { uniqueId: 'u' } }] }));
    expect(turn.texts.join(' ')).toMatch(/I couldn't read that file's details from Teams/);
    expect(await counts()).toEqual(before);
  });
});
