/**
 * Token checks tested for real: botbuilder's own validation, pointed through
 * configuration at a loopback OpenID stand-in whose JWKS publishes an RS256
 * key endorsed for msteams; the tests sign their own tokens. Every refusal is a
 * 401 with one plain line; keys that cannot be fetched are a 503 with
 * Retry-After, logged once with a reference; no body ever carries a stack
 * trace, a path, a host name or a library's error text.
 */
import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { BOT, TENANT } from '../support/conversation.js';

const APP_ID = '3b1f5a2c-7d4e-4f60-9a8b-1c2d3e4f5a6b';
const ISSUER = 'https://api.botframework.com';
const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

const teamsKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const unpublishedKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const skypeOnlyKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwk(key: KeyObject, kid: string, endorsements: string[]) {
  const { n, e } = key.export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', kid, n, e, endorsements };
}

async function openIdStandIn(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk(teamsKey.publicKey, 'teams-key', ['msteams']), jwk(skypeOnlyKey.publicKey, 'skype-key', ['skype'])] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration`, server };
}

function sign(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
  const header = { alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? 'teams-key' };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (header.alg === 'none') return `${body}.`;
  if (header.alg === 'HS256') return `${body}.${createHmac('sha256', teamsKey.publicKey.export({ type: 'spki', format: 'pem' })).update(body).digest('base64url')}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(options.key ?? teamsKey.privateKey, 'base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

function productionEnv(metadataUrl: string) {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-by-these-tests',
    MicrosoftAppType: 'MultiTenant',
    PUBLIC_BASE_URL: 'https://lscp.example.org',
    REPORT_LINK_SECRET: 'r'.repeat(40),
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: ISSUER,
  };
}

/** An Action.Execute whose answer is in the HTTP response: a good token's turn needs nothing from the internet. */
function invoke(serviceUrl: string) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `in-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:tester', name: 'Tess Tester', aadObjectId: randomUUID() },
    recipient: BOT,
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value: { action: { type: 'Action.Execute', verb: 'notify.cancel', data: {} }, trigger: 'manual' },
  };
}

async function post(bot: TestBot, authorization: string | undefined, activity = invoke(bot.channel.url)) {
  const response = await fetch(`${bot.app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

function expectPlain(body: string) {
  expect(body).not.toMatch(/\bat .*:\d+|\.(?:js|ts)\b|\/[a-z]+\/|127\.0\.0\.1|localhost|https?:|Error|jwt|Signing|endorse|openid/i);
}

describe('token checks with an app id configured', () => {
  let openId: { url: string; server: Server };
  let bot: TestBot;
  const good = () => ({ iss: ISSUER, aud: APP_ID, serviceurl: bot.channel.url, nbf: now() - 60, exp: now() + 3600 });

  beforeAll(async () => {
    openId = await openIdStandIn();
    bot = await startTestBot({ env: productionEnv(openId.url) });
  });
  afterAll(async () => {
    await bot.stop();
    await new Promise<void>((resolve) => openId.server.close(() => resolve()));
  });

  it('lets a good token in', async () => {
    const r = await post(bot, `Bearer ${sign(good())}`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ statusCode: 200, value: { type: 'AdaptiveCard' } });
  });

  const cases: Array<[string, () => string | undefined]> = [
    ['no header', () => undefined],
    ['not a bearer', () => `Basic ${b64url('user:password')}`],
    ['garbage', () => 'Bearer not.a.token'],
    ['wrong audience', () => `Bearer ${sign({ ...good(), aud: randomUUID() })}`],
    ['expired', () => `Bearer ${sign({ ...good(), nbf: now() - 7200, exp: now() - 3600 })}`],
    ['not yet valid', () => `Bearer ${sign({ ...good(), nbf: now() + 3600, exp: now() + 7200 })}`],
    ['wrong issuer', () => `Bearer ${sign({ ...good(), iss: 'https://evil.example.org' })}`],
    ['a serviceurl claim that differs from the activity', () => `Bearer ${sign({ ...good(), serviceurl: 'https://smba.trafficmanager.net/elsewhere/' })}`],
    ['a key the endpoint does not publish', () => `Bearer ${sign(good(), { key: unpublishedKey.privateKey, kid: 'unpublished' })}`],
    ['a key endorsed only for another channel', () => `Bearer ${sign(good(), { key: skypeOnlyKey.privateKey, kid: 'skype-key' })}`],
    ['alg none', () => `Bearer ${sign(good(), { alg: 'none' })}`],
    ['HS256 signed with the public key', () => `Bearer ${sign(good(), { alg: 'HS256' })}`],
  ];
  it.each(cases)('refuses %s with a plain 401', async (_name, header) => {
    const before = await bot.app.storage.database.db.selectFrom('conversation_references').selectAll().execute();
    const r = await post(bot, header());
    expect(r.status).toBe(401);
    expect(r.body).toBe('Unauthorized.\n');
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expectPlain(r.body);
    expect(await bot.app.storage.database.db.selectFrom('conversation_references').selectAll().execute()).toEqual(before);
  });
});

describe('when the signing keys cannot be fetched', () => {
  let bot: TestBot;
  const lines: string[] = [];
  beforeAll(async () => {
    // A port nothing listens on: the key endpoint is down.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    bot = await startTestBot({ env: productionEnv(`http://127.0.0.1:${port}/.well-known/openid-configuration`), log: createLogger('info', { write: (line: string) => void lines.push(line) }) });
  });
  afterAll(() => bot.stop());

  it('answers 503 with Retry-After and a plain body, and logs it once with a reference', async () => {
    const token = sign({ iss: ISSUER, aud: APP_ID, serviceurl: bot.channel.url, nbf: now() - 60, exp: now() + 3600 });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await post(bot, `Bearer ${token}`));
    for (const r of answers) {
      expect(r.status).toBe(503);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.body).toMatch(/^The bot cannot check sign-in tokens at the moment\. Please try again shortly \(reference [0-9a-f]{8}\)\.\n$/);
      expectPlain(r.body);
    }
    const reference = /reference ([0-9a-f]{8})/.exec(answers[0]!.body)![1];
    const logged = lines.map((l) => JSON.parse(l) as { event?: string; reference?: string }).filter((l) => l.event === 'token_keys_unavailable');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.reference).toBe(reference);
  });
});
