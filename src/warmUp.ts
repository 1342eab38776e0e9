/**
 * Work done once at start-up, before the server listens (so before /readyz can
 * say ready), that the first turns would otherwise pay for: V8 compiles a
 * function when it first runs, adaptivecards-templating parses a template's
 * expressions on its first expansion, lunr and the search build their
 * per-term structures on first use, zod and Kysely compile on first parse and
 * query. Without it the first question after a start took several times as
 * long as the next ones (issue 17).
 *
 * Nothing here writes: no receipt, theme counter or conversation is recorded,
 * so a restart leaves no trace in the figures facilitators see.
 */
import { answerPage } from './bot/handlers/ask.js';
import type { BotServices } from './bot/routing.js';
import { checkPrivacy } from './privacy/privacyGuard.js';
import { ActivityEnvelope } from './server/messagesRoute.js';

/** Questions of the kinds people ask: answered from the guidance, from the glossary, and declined. */
const QUESTIONS = ['who are the lead safeguarding partners', 'what does DSP mean', 'independent scrutiny of the yearly report', 'what is the weather tomorrow'];

const SAMPLE_ACTIVITY = {
  type: 'message',
  id: 'warm-up',
  serviceUrl: 'http://127.0.0.1/',
  channelId: 'msteams',
  from: { id: '29:warm-up', name: 'Warm-up', aadObjectId: '00000000-0000-4000-8000-000000000000' },
  recipient: { id: '28:warm-up', name: 'LSCP Assistant' },
  conversation: { id: 'a:warm-up', conversationType: 'personal', tenantId: '00000000-0000-4000-8000-000000000000' },
  channelData: { tenant: { id: '00000000-0000-4000-8000-000000000000' } },
  text: QUESTIONS[0],
};

export interface WarmUpReport {
  ms: number;
  templates: number;
}

export async function warmUp(services: Pick<BotServices, 'cards' | 'knowledge' | 'storage' | 'config' | 'checklist' | 'log' | 'publications'>): Promise<WarmUpReport> {
  const started = performance.now();
  // Twice, so the second pass runs the code the first pass compiled (and lets V8 see it as warm).
  for (let pass = 0; pass < 2; pass++) {
    ActivityEnvelope.safeParse(SAMPLE_ACTIVITY);
    for (const question of QUESTIONS) {
      checkPrivacy(question);
      answerPage(services as BotServices, question);
    }
  }
  let templates = 0;
  for (const name of services.cards.names()) {
    try {
      // Empty data: every expression is evaluated (to nothing), which is what compiles it.
      services.cards.render(name, {});
      templates += 1;
    } catch {
      // A template that needs its data to expand is warmed by its first real use instead.
    }
  }
  await services.storage.ping();
  return { ms: performance.now() - started, templates };
}
