/**
 * Recurring themes in a conversation: `themes` (the last 30 days) or
 * `themes 90` shows facilitators the topics questions were about; and
 * `recordQuestionTheme`, which the question path calls once per question to
 * count it.
 *
 * Recording keeps the topic, the day, whether it was answered and an opaque
 * partnership key, nothing else: the question's words are used here, in
 * memory, to find the nearest topic of a declined question, and then dropped.
 * A failure to record is logged and never gets in the way of the answer.
 */
import { z } from 'zod';
import type { Answer } from '../../knowledge/types.js';
import { INSIGHT_CARD_VERSION, themesCard } from '../../insight/cards.js';
import { nearestTopic } from '../../insight/nearestTopic.js';
import { partnershipKey } from '../../insight/partnershipKey.js';
import { dayOf, DEFAULT_THEME_DAYS, GLOSSARY_THEME, loadThemesReport, MAX_THEME_DAYS, themeOf, type QuestionTheme } from '../../insight/themes.js';
import type { ActionResult, BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export const ThemesData = z.object({ cv: z.number().int().optional(), days: z.number().int().min(1).max(MAX_THEME_DAYS).optional() });

async function themesCardFor(services: BotServices, days: number) {
  const report = await loadThemesReport(services.storage.themes, { def: services.checklist.definition, days, min: services.config.nationalMinPartnerships });
  services.log.info({ event: 'themes', days, partnerships: report.totals?.partnerships ?? `<${report.minPartnerships}` }, 'themes');
  const spec = themesCard(report);
  return services.cards.render(spec.template, spec.data);
}

/** `themes` or `themes 90`. */
export async function themesCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  const days = match[1] === undefined ? DEFAULT_THEME_DAYS : Number(match[1]);
  if (!Number.isInteger(days) || days < 1 || days > MAX_THEME_DAYS) {
    await turn.sendText(`Please give a number of days from 1 to ${MAX_THEME_DAYS}, for example **themes 90**.`);
    return;
  }
  await turn.sendCard(await themesCardFor(services, days), `Recurring themes: the last ${days} days`);
}

export async function onThemes(_turn: Turn, data: z.infer<typeof ThemesData>, services: BotServices): Promise<ActionResult> {
  const days = data.cv === INSIGHT_CARD_VERSION && data.days ? data.days : DEFAULT_THEME_DAYS;
  return { card: await themesCardFor(services, days) };
}

/**
 * Count one question for the themes: call it after the reply has gone, with
 * what the search found (or 'glossary' for an answer from the glossary).
 */
export async function recordQuestionTheme(turn: Turn, services: BotServices, question: string, found: Pick<Answer, 'answered' | 'passages' | 'nearby' | 'relatedChecklistItems'> | 'glossary'): Promise<void> {
  try {
    const theme: QuestionTheme =
      found === 'glossary' ? GLOSSARY_THEME : themeOf(found, found.answered ? undefined : nearestTopic(question, found));
    const key = partnershipKey(await services.storage.themes.keySecret(), turn.space, turn.conversation.tenantId);
    await services.storage.themes.record({ day: dayOf(new Date()), topic: theme.topic, outcome: theme.outcome, partnershipKey: key });
  } catch (error) {
    services.log.warn({ err: error, event: 'theme_not_recorded' }, 'could not count a question for the themes');
  }
}
