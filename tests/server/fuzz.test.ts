/**
 * Fuzzing the door: at least 5,000 generated and mutated activities per run
 * (fast-check), posted over HTTP to the real app. Whatever arrives — missing
 * and wrong-typed fields, huge and odd text (lunr operators, emoji, RTL marks,
 * control characters, 1 MB strings), unknown activity and invoke names, card
 * submits with stale, foreign or forged ids, malformed JSON, wrong content
 * types — the answer is never a 5xx, the process stays up and /healthz answers,
 * and a rejected input (any 4xx) writes nothing at all to storage. A failing
 * case is shrunk and printed by fast-check.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../src/bot/routes.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { BOT, TENANT } from '../support/conversation.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const VERBS = routes.flatMap((r) => (r.kind === 'action' ? [r.verb] : []));

const oddText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '+a -b ~2 ^10 *',
      'title:scrutiny^100 text:*',
      'who -is +the ~scrutineer^5',
      '\u202Eevil\u202C scrutiny \u200F',
      '🧒🏽👮‍♀️ scrutiny 🏛️',
      '\u0000\u0001\u0007\u001b[31m\u001f',
      '<at>LSCP Assistant</at> <script>alert(1)</script>',
      '../../../../etc/passwd',
      '${question} {{$root}} %s %n',
      "'; DROP TABLE assessments; --",
      'checklist CIS-Z99',
      'define ' + 'x'.repeat(5000),
      'notify 7-minute',
      'subscribe',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(99_000), '€'.repeat(60_000), 'a '.repeat(40_000)) },
);

const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), oddText);
const forgedData = fc.record(
  {
    assessmentId: fc.oneof(fc.constant('cis-aaaaaaaaaaaa'), fc.string({ maxLength: 20 }), wrongType),
    itemId: fc.oneof(fc.constantFrom('CIS-A1', 'CIS-E3', 'CIS-Z9'), wrongType),
    revision: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), wrongType),
    version: fc.oneof(fc.integer({ min: -5, max: 1_000 }), wrongType),
    answer: fc.oneof(fc.constantFrom('yes', 'partly', 'no', 'dont_know', 'maybe'), wrongType),
    note: oddText,
    q: oddText,
    o: wrongType,
    f: fc.oneof(fc.uuid(), wrongType),
    b: fc.oneof(fc.constantFrom('briefing-independent-scrutiny-7-minute', 'nope'), wrongType),
    j: fc.oneof(fc.constant('job-aaaaaaaaaa'), wrongType),
    d: fc.oneof(fc.constantFrom('briefing-independent-scrutiny-7-minute', 'wt2023-independent-scrutiny'), wrongType),
    question: oddText,
  },
  { requiredKeys: [] },
);

type Shape = { kind: 'json'; activity: Record<string, unknown>; mutations: Array<{ path: readonly string[]; value: unknown; remove: boolean }> } | { kind: 'raw'; body: string; contentType: string };

function activityArbitrary(serviceUrl: string) {
  const conversation = fc.record({
    kind: fc.constantFrom('personal', 'groupChat', 'channel'),
    id: fc.constantFrom('a:fuzz-1', '19:fuzz-group@thread.v2', '19:fuzz-channel@thread.skype', '19:fuzz-channel@thread.skype;messageid=17'),
  });
  const base = fc.record({ conversation, from: fc.constantFrom('29:fuzz-a', '29:fuzz-b', '29:fuzz-c'), id: fc.oneof(fc.uuid(), fc.constant('repeat-me')) }).map(({ conversation: c, from, id }) => ({
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: from, name: 'Fuzz Tester', aadObjectId: '00000000-0000-4000-8000-00000000f022' },
    recipient: BOT,
    conversation: { id: c.id, conversationType: c.kind, tenantId: TENANT, ...(c.kind === 'personal' ? {} : { isGroup: true }) },
    channelData: { tenant: { id: TENANT }, ...(c.kind === 'channel' ? { team: { id: '19:fuzz-team@thread.skype' }, channel: { id: c.id } } : {}) },
  }));
  const body = fc.oneof(
    oddText.map((text) => ({ type: 'message', text, entities: [{ type: 'mention', text: '<at>LSCP Assistant</at>', mentioned: BOT }] })),
    fc.record({ command: oddText }).map((value) => ({ type: 'message', text: '', value })),
    fc.tuple(fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 30 })), forgedData).map(([verb, data]) => ({ type: 'message', text: '', value: { verb, ...data }, replyToId: 'card-1' })),
    fc.tuple(fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 30 })), forgedData, fc.constantFrom('manual', 'automatic', 'sideways')).map(([verb, data, trigger]) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb, data }, trigger },
    })),
    fc.tuple(fc.constantFrom('shareBriefing', 'unknownCommand'), oddText).map(([commandId, query]) => ({ type: 'invoke', name: 'composeExtension/query', value: { commandId, parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 25 } } })),
    fc.tuple(fc.string({ maxLength: 40 }), fc.object({ maxDepth: 2 })).map(([name, value]) => ({ type: 'invoke', name, value })),
    fc.constantFrom('membersAdded', 'membersRemoved').map((field) => ({ type: 'conversationUpdate', [field]: [{ id: BOT.id, name: BOT.name }] })),
    fc.tuple(fc.constantFrom('event', 'messageReaction', 'typing', 'installationUpdate', 'bogus', 'endOfConversation', 'trace'), fc.string({ maxLength: 20 })).map(([type, name]) => ({ type, name })),
  );
  const path = fc.constantFrom(['type'], ['id'], ['serviceUrl'], ['channelId'], ['from'], ['from', 'id'], ['recipient'], ['conversation'], ['conversation', 'id'], ['text'], ['value'], ['name'], ['channelData'], ['channelData', 'tenant'], ['entities'], ['replyToId'], ['value', 'action'], ['value', 'action', 'verb'], ['value', 'parameters'], ['timestamp']);
  const mutation = fc.record({ path, value: wrongType, remove: fc.boolean() });
  const json: fc.Arbitrary<Shape> = fc.record({ base, body, mutations: fc.array(mutation, { maxLength: 2 }) }).map(({ base: b, body: m, mutations }) => ({ kind: 'json', activity: { ...b, ...m }, mutations }));
  const raw: fc.Arbitrary<Shape> = fc.oneof(
    fc.record({ body: fc.constantFrom('{', '{"type":', 'null', '[]', '"text"', '{"type":"message"}}', 'x'.repeat(1_000_000), '\u0000\u0000'), contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x') }).map((r) => ({ kind: 'raw' as const, ...r })),
    fc.string({ maxLength: 200 }).map((body) => ({ kind: 'raw' as const, body, contentType: 'application/json' })),
  );
  return fc.oneof({ weight: 9, arbitrary: json }, { weight: 1, arbitrary: raw });
}

function apply(shape: Extract<Shape, { kind: 'json' }>): Record<string, unknown> {
  const activity = structuredClone(shape.activity);
  for (const { path, value, remove } of shape.mutations) {
    let node: Record<string, unknown> = activity;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (!next || typeof next !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = path.at(-1)!;
    if (remove) delete node[last];
    else node[last] = value;
  }
  return activity;
}

describe('fuzzing /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // On tmpfs where there is one: thousands of turns without waiting for the disk to fsync each receipt.
    const dataDir = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'lscp-fuzz-')) : undefined;
    bot = await startTestBot(dataDir ? { dataDir } : {});
  });
  afterAll(() => bot.stop());

  /** Rows inserted, updated or deleted through the app's one SQLite connection since it opened. */
  const writes = async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(bot.app.storage.database.db)).rows[0]!.n);

  it(`never answers 5xx, stays up, and a rejected input writes nothing (${RUNS} inputs)`, async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(activityArbitrary(bot.channel.url), async (shape) => {
        const before = await writes();
        const init = shape.kind === 'raw' ? { body: shape.body, type: shape.contentType } : { body: JSON.stringify(apply(shape)), type: 'application/json' };
        const response = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': init.type }, body: init.body });
        const text = await response.text();
        expect(response.status, text.slice(0, 300)).toBeLessThan(500);
        expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|Error: /);
        if (response.status >= 400) {
          rejected += 1;
          expect(await writes(), `a ${response.status} changed storage`).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    expect(rejected).toBeGreaterThan(RUNS / 20);
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
  }, 300_000);
});
