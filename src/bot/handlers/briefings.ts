/**
 * `briefings`: the briefings in the knowledge base, newest first, each with its
 * date, publisher and a button for its summary. Sharing one into another chat
 * is the message extension's job (shareBriefing.ts).
 */
import { briefingsNewestFirst, documentRow } from '../../qna/documents.js';
import type { BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export async function sendBriefings(turn: Turn, services: BotServices): Promise<void> {
  const briefings = briefingsNewestFirst(services.knowledge.documents()).map(documentRow);
  services.log.info({ event: 'briefings', count: briefings.length }, 'briefings');
  const intro =
    briefings.length === 0
      ? 'There are no briefings in the knowledge base yet.'
      : `${briefings.length} ${briefings.length === 1 ? 'briefing' : 'briefings'}, newest first. Choose one for a short summary.`;
  await turn.sendCard(services.cards.render('briefings', { intro, briefings }), 'Briefings');
}
