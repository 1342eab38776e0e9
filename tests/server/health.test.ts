import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';

describe('health endpoints', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('GET /healthz says the process is alive', async () => {
    const res = await fetch(`${bot.app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok' });
    expect(typeof body.version).toBe('string');
  });

  it('GET /readyz reports the knowledge index and storage', async () => {
    const res = await fetch(`${bot.app.url}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; documents?: number; dialect?: string }> };
    expect(body.status).toBe('ready');
    expect(body.checks.knowledge?.ok).toBe(true);
    expect(body.checks.knowledge?.documents).toBeGreaterThan(0);
    expect(body.checks.storage).toMatchObject({ ok: true, dialect: 'sqlite' });
  });

  it('GET /readyz turns 503 when storage stops answering', async () => {
    const other = await startTestBot();
    await other.app.storage.close();
    const res = await fetch(`${other.app.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('not ready');
    expect(body.checks.storage?.ok).toBe(false);
    await other.stop();
  });

  it('unknown paths get a JSON 404, not an HTML page or a stack trace', async () => {
    const res = await fetch(`${bot.app.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('public pages the Teams manifest links to', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it.each([
    ['/', /LSCP Assistant/],
    ['/privacy', /neither stored nor logged/],
    ['/terms', /not legal advice/],
  ])('GET %s is a short HTML page', async (path, expected) => {
    const res = await fetch(`${bot.app.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(expected);
  });
});
