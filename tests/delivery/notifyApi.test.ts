/**
 * POST /api/notify and GET /api/notify/:job over HTTP: authentication, errors,
 * 202 at once, the job's counts, and a repeat that sends nothing new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerMatches } from '../../src/server/notifyRoutes.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { BRIEFING, FAST_DELIVERY, NOTIFY_KEY, noticesIn, subscribed, waitFor } from './support.js';

async function call(bot: TestBot, method: 'GET' | 'POST', path: string, options: { key?: string | null; body?: string; type?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? NOTIFY_KEY}`;
  const response = await fetch(`${bot.app.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  return { status: response.status, text, json: (() => { try { return JSON.parse(text) as Record<string, unknown>; } catch { return {}; } })(), headers: response.headers };
}

describe('the notify API', () => {
  let bot: TestBot;
  let plain: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: FAST_DELIVERY });
    plain = await startTestBot({ env: { ...FAST_DELIVERY, NOTIFY_API_KEY: '' } });
  });
  afterAll(async () => {
    await bot.stop();
    await plain.stop();
  });

  it('does not exist without a configured key', async () => {
    expect((await call(plain, 'POST', '/api/notify', { body: JSON.stringify({ briefingId: BRIEFING }) })).status).toBe(404);
    expect((await call(plain, 'GET', '/api/notify/job-abcdefghij')).status).toBe(404);
  });

  it('refuses a missing, malformed or wrong key with 401 and changes nothing', async () => {
    const body = JSON.stringify({ briefingId: BRIEFING });
    for (const key of [null, '', 'wrong', `${NOTIFY_KEY}x`, NOTIFY_KEY.slice(1)]) {
      const r = await call(bot, 'POST', '/api/notify', { key, body });
      expect(r.status, String(key)).toBe(401);
      expect(r.text).not.toContain(NOTIFY_KEY);
    }
    const basic = await fetch(`${bot.app.url}/api/notify`, { method: 'POST', headers: { authorization: `Basic ${NOTIFY_KEY}`, 'content-type': 'application/json' }, body });
    expect(basic.status).toBe(401);
    expect((await call(bot, 'GET', '/api/notify/job-abcdefghij', { key: 'wrong' })).status).toBe(401);
    expect(await bot.app.storage.database.db.selectFrom('delivery_jobs').selectAll().execute()).toEqual([]);
  });

  it('compares the key whole, whatever the header looks like', () => {
    expect(bearerMatches(`Bearer ${NOTIFY_KEY}`, NOTIFY_KEY)).toBe(true);
    expect(bearerMatches(`bearer   ${NOTIFY_KEY}  `, NOTIFY_KEY)).toBe(true);
    expect(bearerMatches(`Bearer ${NOTIFY_KEY} extra`, NOTIFY_KEY)).toBe(false);
    expect(bearerMatches(NOTIFY_KEY, NOTIFY_KEY)).toBe(false);
    expect(bearerMatches(undefined, NOTIFY_KEY)).toBe(false);
    expect(bearerMatches(['Bearer', NOTIFY_KEY], NOTIFY_KEY)).toBe(false);
  });

  it('answers a malformed body with 400 and an unknown briefing with 404, both plainly', async () => {
    for (const body of ['{"briefingId":', '{}', '{"briefingId": 7}', '{"briefingId":"x","extra":1}', '[]', '"text"']) {
      const r = await call(bot, 'POST', '/api/notify', { body });
      expect(r.status, body).toBe(400);
    }
    const unknown = await call(bot, 'POST', '/api/notify', { body: JSON.stringify({ briefingId: 'no-such-briefing' }) });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'unknown_briefing' });
    expect(String(unknown.json.message)).toMatch(/no briefing with the id "no-such-briefing"/);
    const notABriefing = await call(bot, 'POST', '/api/notify', { body: JSON.stringify({ briefingId: 'wt2023-independent-scrutiny' }) });
    expect(notABriefing.status).toBe(404);
    expect((await call(bot, 'GET', '/api/notify/job-zzzzzzzzzz')).status).toBe(404);
    expect((await call(bot, 'GET', '/api/notify/../../etc')).status).toBe(404);
  });

  it('records the job, answers 202 at once, reports queued / sent / skipped / failed, and sends a repeat nothing', async () => {
    const conversations = await subscribed(bot, ['personal', 'groupChat', 'channel']);
    const first = await call(bot, 'POST', '/api/notify', { body: JSON.stringify({ briefingId: BRIEFING }) });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ briefingId: BRIEFING, queued: 3, skipped: 0 });
    const jobId = String(first.json.jobId);
    expect(first.headers.get('location')).toBe(`/api/notify/${jobId}`);
    const done = await waitFor('the job to finish', async () => {
      const r = await call(bot, 'GET', `/api/notify/${jobId}`);
      return r.json.state === 'done' ? r.json : undefined;
    });
    expect(done).toMatchObject({ jobId, briefingId: BRIEFING, queued: 0, sent: 3, skipped: 0, failed: 0, total: 3, failures: [] });
    for (const c of conversations) expect(noticesIn(bot, c.id)).toHaveLength(1);

    const again = await call(bot, 'POST', '/api/notify', { body: JSON.stringify({ briefingId: BRIEFING }) });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ queued: 0, skipped: 3 });
    const status = await call(bot, 'GET', `/api/notify/${String(again.json.jobId)}`);
    expect(status.json).toMatchObject({ state: 'done', sent: 0, skipped: 3 });
    await new Promise((r) => setTimeout(r, 200));
    for (const c of conversations) expect(noticesIn(bot, c.id)).toHaveLength(1);
  });
});
