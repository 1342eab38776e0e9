/**
 * The national picture in a conversation (facilitators only: the routes are
 * wrapped in facilitatorOnly, so the Router has checked the role before these
 * run). `national picture` posts the chart card; its buttons open a section or
 * come back, updating the card in place.
 *
 * Thin glue: the store adds up, insight/national suppresses, insight/cards
 * draws. Logs carry counts only, never a partnership or a person.
 */
import { z } from 'zod';
import type { ChecklistDefinition } from '../../checklist/definition.js';
import { INSIGHT_CARD_VERSION, nationalPictureCard, nationalSectionCard } from '../../insight/cards.js';
import { loadNationalPicture, type NationalPicture } from '../../insight/national.js';
import { UserFacingError, type ActionResult, type BotServices } from '../routing.js';
import type { Turn } from '../turn.js';

export const PictureData = z.object({ cv: z.number().int().optional() });
export const SectionData = PictureData.extend({ section: z.string().trim().max(5).optional() });

const NOT_INSTALLED = 'The Checklist for Independent Scrutiny is not installed on this server, so there is no national picture to show.';

function definitionOf(services: BotServices): ChecklistDefinition {
  const definition = services.checklist.definition;
  if (!definition) throw new UserFacingError(NOT_INSTALLED, 'No checklist');
  return definition;
}

/** The national figures now, suppressed; also what a partnership's own summary compares itself with. */
export function currentPicture(services: BotServices, definition: ChecklistDefinition): Promise<NationalPicture> {
  return loadNationalPicture(services.storage.national, definition, services.config.nationalMinPartnerships);
}

async function pictureCard(services: BotServices) {
  const picture = await currentPicture(services, definitionOf(services));
  services.log.info({ event: 'national_picture', partnerships: picture.partnerships ?? `<${picture.minPartnerships}` }, 'national picture');
  const spec = nationalPictureCard(picture, new Date());
  return services.cards.render(spec.template, spec.data);
}

async function sectionCard(services: BotServices, sectionText: string) {
  const definition = definitionOf(services);
  const sectionId = sectionText.trim().toUpperCase();
  const picture = await currentPicture(services, definition);
  const spec = nationalSectionCard(picture, sectionId, new Date());
  if (!spec) {
    const ids = definition.sections.map((s) => s.id);
    throw new UserFacingError(`There is no section "${sectionText.slice(0, 5)}" in the checklist; sections run from ${ids[0]} to ${ids.at(-1)}.`, 'No such section');
  }
  services.log.info({ event: 'national_section', section: sectionId }, 'national picture section');
  return services.cards.render(spec.template, spec.data);
}

/** `national picture`, or `national picture E` for one section. */
export async function nationalPictureCommand(turn: Turn, match: RegExpExecArray, services: BotServices): Promise<void> {
  try {
    const section = match[1];
    await turn.sendCard(section ? await sectionCard(services, section) : await pictureCard(services), 'National picture of the Checklist for Independent Scrutiny');
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    await turn.sendText(error.message);
  }
}

/** An older card's button shows the current picture rather than acting on data of another shape. */
const current = (cv: number | undefined) => cv === undefined || cv === INSIGHT_CARD_VERSION;

export async function onPicture(_turn: Turn, _data: z.infer<typeof PictureData>, services: BotServices): Promise<ActionResult> {
  return { card: await pictureCard(services) };
}

export async function onSection(_turn: Turn, data: z.infer<typeof SectionData>, services: BotServices): Promise<ActionResult> {
  if (!current(data.cv) || !data.section) return { card: await pictureCard(services) };
  return { card: await sectionCard(services, data.section) };
}
