import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '66666666-7777-4888-9999-000000000000';
const production = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'secret-value',
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppType: 'SingleTenant',
  PUBLIC_BASE_URL: 'https://lscp.example.org/',
  REPORT_LINK_SECRET: 'x'.repeat(40),
  HOST: '0.0.0.0',
};

function errorOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('runs in local mode on embedded defaults with an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', localMode: true, logLevel: 'info', auth: {}, allowedTenantIds: [] });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.nationalMinPartnerships).toBe(5);
  });

  it('reads a full production setting', () => {
    const config = parseConfig({ ...production, PORT: '8080', DATABASE_URL: 'postgres://bot:pw@db:5432/lscp', ALLOWED_TENANT_IDS: `${TENANT}, ` });
    expect(config.localMode).toBe(false);
    expect(config.port).toBe(8080);
    expect(config.auth).toEqual({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret-value', MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'SingleTenant' });
    expect(config.publicBaseUrl).toBe('https://lscp.example.org');
    expect(config.allowedTenantIds).toEqual([TENANT]);
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', MicrosoftAppId: '', DATABASE_URL: ' ' }).localMode).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number between 0 and 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be a whole number/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a postgres:\/\/ connection string/],
    [{ MicrosoftAppId: 'not-a-guid' }, /^MicrosoftAppId must be the Azure Bot app registration ID \(a GUID\)/],
    [{ MicrosoftAppPassword: 'pw' }, /^MicrosoftAppId is required when MicrosoftAppPassword is set/],
    [{ HOST: '0.0.0.0' }, /^HOST must be 127\.0\.0\.1 or localhost in local mode/],
    [{ NATIONAL_MIN_PARTNERSHIPS: '2' }, /^NATIONAL_MIN_PARTNERSHIPS must be a whole number between 3 and 1000 \(got "2"\)$/],
  ])('rejects %o with one clear line', (env, expected) => {
    const message = errorOf(env as Record<string, string>);
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('fails closed when credentials are incomplete', () => {
    const { MicrosoftAppPassword: _p, ...noPassword } = production;
    expect(errorOf(noPassword)).toMatch(/^MicrosoftAppPassword is required for a SingleTenant bot$/m);
    const { MicrosoftAppTenantId: _t, ...noTenant } = production;
    expect(errorOf(noTenant)).toMatch(/^MicrosoftAppTenantId is required for a SingleTenant bot$/m);
    const { REPORT_LINK_SECRET: _s, ...noSecret } = production;
    expect(errorOf(noSecret)).toMatch(/^REPORT_LINK_SECRET is required/m);
    expect(errorOf({ ...production, PUBLIC_BASE_URL: 'http://lscp.example.org' })).toMatch(/^PUBLIC_BASE_URL must be the https:\/\//m);
  });

  it('never echoes a secret in an error', () => {
    expect(errorOf({ ...production, REPORT_LINK_SECRET: 'short-secret' })).not.toContain('short-secret');
  });
});
