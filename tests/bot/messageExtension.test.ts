/**
 * The "Share a briefing" message extension, through the real restify server and
 * CloudAdapter: composeExtension/query invokes go in over HTTP as Teams sends
 * them, and the invoke response is what Teams would show in the flyout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/knowledge/types.js';
import { briefingsNewestFirst } from '../../src/qna/documents.js';
import { shortSummary } from '../../src/qna/summary.js';
import { startQnaBot, type QnaBot } from '../qna/harness.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardActions, cardText, type TestConversation, type TurnResult } from '../support/conversation.js';
import { cardProblems } from '../support/validateCard.js';

let bot: TestBot;
let briefings: DocumentSummary[];
beforeAll(async () => {
  bot = await startTestBot();
  briefings = briefingsNewestFirst(bot.app.knowledge.documents());
});
afterAll(() => bot.stop());

interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview: { contentType: string; content: { title: string; text: string } };
}
interface ComposeExtension {
  type: string;
  attachmentLayout?: string;
  attachments?: Attachment[];
  text?: string;
}

function query(conversation: TestConversation, value: unknown): Promise<TurnResult> {
  return conversation.post(conversation.base({ type: 'invoke', name: 'composeExtension/query', value }));
}

function shareBriefing(conversation: TestConversation, text: string, options: { skip?: number; count?: number } = {}): Promise<TurnResult> {
  return query(conversation, { commandId: 'shareBriefing', parameters: [{ name: 'query', value: text }], queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 } });
}

/** The composeExtension of an invoke response, after checking Teams got a 200 and nothing was posted in the chat. */
function result(turn: TurnResult): ComposeExtension {
  expect(turn.status).toBe(200);
  expect(turn.messages).toEqual([]);
  const body = turn.body as { composeExtension?: ComposeExtension };
  expect(body.composeExtension).toBeDefined();
  return body.composeExtension!;
}

const titles = (r: ComposeExtension) => (r.attachments ?? []).map((a) => a.preview.content.title);

describe('Share a briefing', () => {
  it('lists every briefing newest first when opened, each an Adaptive Card with a thumbnail preview', async () => {
    expect(briefings.length).toBeGreaterThan(1);
    const r = result(await shareBriefing(bot.conversation('groupChat'), ''));
    expect(r).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    expect(titles(r)).toEqual(briefings.slice(0, 25).map((d) => d.title));
    r.attachments!.forEach((a, i) => {
      const doc = briefings[i]!;
      expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(a.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
      expect(a.preview.content.text).toContain(`${doc.source.publisher} · ${doc.source.dateLabel}`);
    });
  });

  it('accepts the initialRun parameter Teams sends instead of the search box when the command opens', async () => {
    const r = result(await query(bot.conversation('channel'), { commandId: 'shareBriefing', parameters: [{ name: 'initialRun', value: 'true' }], queryOptions: { skip: 0, count: 25 } }));
    expect(titles(r)).toEqual(briefings.map((d) => d.title));
  });

  it('puts a card in the message that stands on its own: title, publisher and date, a short summary and how to ask for more', async () => {
    const r = result(await shareBriefing(bot.conversation('personal'), ''));
    r.attachments!.forEach((a, i) => {
      const doc = briefings[i]!;
      const card = a.content;
      expect(card.type).toBe('AdaptiveCard');
      expect(cardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(a))).toBeLessThan(8_000);
      const text = cardText(card);
      expect(text).toContain(doc.title);
      expect(text).toContain(`${doc.source.publisher} · ${doc.source.dateLabel}`);
      expect(text).toContain('Ask LSCP Assistant about this');
      expect(text).toContain(`about ${doc.id}`);
      const summary = (card.body as Array<{ text?: string }>).map((b) => b.text ?? '').find((t) => t !== doc.title && t.length > 60 && !t.startsWith('Ask '));
      expect(summary, `no summary on the card for ${doc.id}`).toBeDefined();
      expect(summary!.length).toBeLessThanOrEqual(420);
      expect(summary).not.toMatch(/\*\*|\n/);
      if (doc.superseded) expect(text).toMatch(/Superseded by .+ — check the current guidance\./);
      else expect(text).not.toMatch(/Superseded/);
      const links = cardActions(card).filter((x) => x.type === 'Action.OpenUrl');
      expect(links.map((l) => (l as { url?: string }).url)).toEqual(doc.source.url ? [doc.source.url] : []);
    });
    // The whole list is far below the size Teams accepts for an invoke response.
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(100_000);
  });

  it('filters by words of the title, publisher, date or topic, ignoring case, while the person is still typing', async () => {
    const conversation = bot.conversation('groupChat');
    const hasScrutiny = (d: DocumentSummary) => /scrutiny/i.test([d.title, d.source.publisher].join(' '));
    const expected = briefings.filter(hasScrutiny).map((d) => d.title);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(briefings.length);

    const scrutiny = result(await shareBriefing(conversation, 'scrutiny'));
    expect(scrutiny.type).toBe('result');
    expect(titles(scrutiny)).toEqual(expect.arrayContaining(expected));
    expect(titles(scrutiny).length).toBeLessThan(briefings.length);
    expect(titles(result(await shareBriefing(conversation, 'SCRUT')))).toEqual(titles(scrutiny));

    // Every word must match somewhere: "VKPP" alone finds several, "VKPP June 2022" narrows them.
    const vkpp = titles(result(await shareBriefing(conversation, 'VKPP')));
    const june = titles(result(await shareBriefing(conversation, 'vkpp june 2022')));
    expect(vkpp.length).toBeGreaterThan(june.length);
    expect(june.length).toBeGreaterThan(0);
    expect(june.every((t) => vkpp.includes(t))).toBe(true);
    const byDate = briefings.filter((d) => d.source.dateLabel === 'June 2022' && /vkpp/i.test(d.title + d.source.publisher)).map((d) => d.title);
    expect(june).toEqual(byDate);
  });

  it('answers a search that matches nothing with a friendly line', async () => {
    const r = result(await shareBriefing(bot.conversation('personal'), 'zebra crossing timetable'));
    expect(r.type).toBe('message');
    expect(r.text).toMatch(/No briefings match/);
    expect(r.attachments).toBeUndefined();
  });

  it('pages with skip and count', async () => {
    const conversation = bot.conversation('personal');
    const first = result(await shareBriefing(conversation, '', { skip: 0, count: 2 }));
    const second = result(await shareBriefing(conversation, '', { skip: 2, count: 2 }));
    expect(titles(first)).toEqual(briefings.slice(0, 2).map((d) => d.title));
    expect(titles(second)).toEqual(briefings.slice(2, 4).map((d) => d.title));
    // Scrolled past the end: an empty page, so Teams keeps the list it has.
    const past = result(await shareBriefing(conversation, '', { skip: briefings.length, count: 25 }));
    expect(past).toMatchObject({ type: 'result', attachmentLayout: 'list', attachments: [] });
    // More than 25 asked for is 25 at most.
    const many = result(await shareBriefing(conversation, '', { count: 500 }));
    expect(many.attachments!.length).toBe(Math.min(briefings.length, 25));
  });

  it('answers an unknown command with a friendly line and HTTP 200', async () => {
    const r = result(await query(bot.conversation('personal'), { commandId: 'shareChecklist', parameters: [{ name: 'query', value: '' }], queryOptions: { skip: 0, count: 25 } }));
    expect(r.type).toBe('message');
    expect(r.text).toMatch(/I don't have that search/);
  });

  it.each([
    ['no value', undefined],
    ['a value that is not an object', 'shareBriefing'],
    ['no commandId', { parameters: [{ name: 'query', value: 'scrutiny' }] }],
    ['parameters that are not a list', { commandId: 'shareBriefing', parameters: 'scrutiny' }],
    ['a negative skip', { commandId: 'shareBriefing', parameters: [], queryOptions: { skip: -1, count: 25 } }],
    ['a count that is not a number', { commandId: 'shareBriefing', parameters: [], queryOptions: { skip: 0, count: 'all' } }],
    ['a parameter value that is an object', { commandId: 'shareBriefing', parameters: [{ name: 'query', value: { $gt: '' } }] }],
  ])('answers a malformed query (%s) with a friendly line and HTTP 200, never an error', async (_label, value) => {
    const turn = await query(bot.conversation('personal'), value);
    const r = result(turn);
    expect(r.type).toBe('message');
    expect(r.text).toMatch(/^I couldn't read that search\./);
    expect(JSON.stringify(turn.body)).not.toMatch(/Error|at .+\.(ts|js)/);
  });

  it('does not search a query that looks like it carries personal details', async () => {
    const r = result(await shareBriefing(bot.conversation('personal'), 'please call the mum on 07700 900123'));
    expect(r.type).toBe('message');
    expect(r.text).toMatch(/I haven't searched for that: it looks like it may include a phone number/);
  });

  it('posts nothing in the chat, not even a typing indicator: the person sends the card themselves', async () => {
    const turn = await shareBriefing(bot.conversation('channel'), 'vkpp');
    expect(turn.records).toEqual([]);
  });
});

describe('Share a briefing, in the logs', () => {
  let qna: QnaBot;
  beforeAll(async () => {
    qna = await startQnaBot();
  });
  afterAll(() => qna.stop());

  it('records that a search happened and how many it found, never what was typed', async () => {
    const conversation = qna.conversation('personal');
    const before = qna.logs.length;
    result(await shareBriefing(conversation, 'post implementation'));
    result(await shareBriefing(conversation, 'zebra crossing timetable'));
    result(await shareBriefing(conversation, 'call 07700 900123'));
    const logged = qna.logs.slice(before).join('\n');
    expect(logged).toMatch(/"event":"share_briefing"/);
    expect(logged).toMatch(/"event":"privacy_guard"/);
    expect(logged).not.toMatch(/post implementation|zebra|07700/i);
  });
});

describe("a shared card's summary", () => {
  const section = (text: string) => ({ heading: 'What it is', text });

  it('is the opening two or three sentences of the best section, on one line', () => {
    const text = 'First sentence here. Second one follows.\n\nThird comes next. Fourth is never shown.';
    expect(shortSummary([section(text)], 'slides')).toBe('First sentence here. Second one follows. Third comes next.');
  });

  it('stops before a sentence that would make it too long, and cuts one very long sentence at a word', () => {
    expect(shortSummary([section(`Short start. ${'Long '.repeat(100)}end.`)], 'slides')).toBe('Short start.');
    const cut = shortSummary([section(`${'word '.repeat(200)}end.`)], 'slides');
    expect(cut.length).toBeLessThanOrEqual(420);
    expect(cut).toMatch(/word…$/);
  });

  it('says what the source is when the search found nothing of the document', () => {
    expect(shortSummary([], 'Slides on the implementation of the 2019 arrangements')).toBe('Slides on the implementation of the 2019 arrangements');
  });
});
