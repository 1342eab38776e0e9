/**
 * The facilitator role: named by Azure AD object id in FACILITATOR_IDS, nobody
 * otherwise, and one check in the Router that every facilitator route passes.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { facilitatorRoles, NOT_A_FACILITATOR } from '../../src/facilitators/roles.js';
import { action, command, commandHelp, facilitatorOnly, Router, UserFacingError, type BotServices, type Route } from '../../src/bot/routing.js';
import type { Turn } from '../../src/bot/turn.js';
import { createLogger } from '../../src/logging.js';
import { z } from 'zod';

const FACILITATOR = '0f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b';
const SOMEONE = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

describe('facilitator roles', () => {
  it('names nobody by default, and a turn without an object id is never a facilitator', () => {
    const none = facilitatorRoles(parseConfig({}).facilitatorIds);
    expect(none.count).toBe(0);
    expect(none.isFacilitator(FACILITATOR)).toBe(false);
    const one = facilitatorRoles([FACILITATOR]);
    expect(one.isFacilitator(undefined)).toBe(false);
    expect(one.isFacilitator('')).toBe(false);
  });

  it('matches object ids whatever their case, and nobody else', () => {
    const roles = facilitatorRoles(parseConfig({ FACILITATOR_IDS: ` ${FACILITATOR.toUpperCase()} , ${SOMEONE}` }).facilitatorIds);
    expect(roles.count).toBe(2);
    expect(roles.isFacilitator(FACILITATOR)).toBe(true);
    expect(roles.isFacilitator(SOMEONE.toUpperCase())).toBe(true);
    expect(roles.isFacilitator('0f5e6a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5c')).toBe(false);
  });

  it('refuses display names or anything that is not an object id at start-up', () => {
    expect(() => parseConfig({ FACILITATOR_IDS: `${FACILITATOR},Lorraine Parker` })).toThrow(ConfigError);
    expect(() => parseConfig({ FACILITATOR_IDS: 'Lorraine Parker' })).toThrow(/object ids/);
  });
});

describe('the role check in the Router', () => {
  const calls: string[] = [];
  const routes: Route[] = [
    facilitatorOnly(command('secret', /^secret$/, async () => void calls.push('secret'), { usage: 'secret', description: 'Facilitators only.' })),
    command('open', /^open$/, async () => void calls.push('open'), { usage: 'open', description: 'Anyone.' }),
    facilitatorOnly(action('secret.do', z.object({}), async () => (calls.push('secret.do'), { card: { type: 'AdaptiveCard', version: '1.5' } }))),
    { kind: 'welcome', handle: async () => undefined },
    { kind: 'fallback', handle: async () => void calls.push('fallback') },
  ];
  const router = new Router(routes);
  const services = { log: createLogger('silent'), roles: facilitatorRoles([FACILITATOR]) } as unknown as BotServices;
  const turnOf = (aadObjectId: string | undefined) => {
    const sent: string[] = [];
    const turn = { text: '', user: { id: '29:x', name: 'X', aadObjectId }, sendText: async (t: string) => (sent.push(t), 'id') } as unknown as Turn;
    return { turn, sent };
  };

  it('lets a facilitator through and refuses anyone else politely, running nothing', async () => {
    calls.length = 0;
    const facilitator = turnOf(FACILITATOR);
    await router.message(facilitator.turn, services, 'secret');
    expect(calls).toEqual(['secret']);
    const other = turnOf(SOMEONE);
    await router.message(other.turn, services, 'secret');
    expect(calls).toEqual(['secret']);
    expect(other.sent).toEqual([NOT_A_FACILITATOR]);
    await router.message(other.turn, services, 'open');
    expect(calls).toEqual(['secret', 'open']);
  });

  it('refuses a facilitator card action from anyone else with a notice, running nothing', async () => {
    calls.length = 0;
    await expect(router.action(turnOf(undefined).turn, 'secret.do', {}, services)).rejects.toThrow(UserFacingError);
    await expect(router.action(turnOf(SOMEONE).turn, 'secret.do', {}, services)).rejects.toThrow(NOT_A_FACILITATOR);
    expect(calls).toEqual([]);
    await router.action(turnOf(FACILITATOR).turn, 'secret.do', {}, services);
    expect(calls).toEqual(['secret.do']);
  });

  it('marks the facilitator commands in help, from the route table', () => {
    expect(commandHelp(routes)).toEqual([
      { usage: 'secret', description: 'Facilitators only.', facilitator: true },
      { usage: 'open', description: 'Anyone.' },
    ]);
  });
});
