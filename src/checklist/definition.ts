/**
 * The Checklist for Independent Scrutiny as data: sections, items and the answer scale.
 *
 * The definition lives in `knowledge/checklist/cis.yaml` so the walkthrough and the
 * Q&A search read the same items. It carries a version: an assessment records the
 * version it answered, so a later edit never silently changes what was asked.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { PartialDate } from '../knowledge/frontMatter.js';

export const ANSWERS = ['yes', 'partly', 'no', 'dont-know'] as const;
export type AnswerValue = (typeof ANSWERS)[number];
export const ANSWER_LABELS: Record<AnswerValue, string> = {
  yes: 'Yes – evidenced',
  partly: 'Partly',
  no: 'No',
  'dont-know': "Don't know",
};

const ItemId = z.string().regex(/^CIS-[A-Z]\d{1,2}$/, 'item ids look like CIS-A1');

export const ChecklistItem = z
  .object({
    id: ItemId,
    question: z.string().min(10),
    why: z.string().min(10),
    evidence: z.array(z.string().min(2)).min(1),
    sources: z.array(z.string().min(2)).min(1),
    /** Relies on WT2023 (full implementation due December 2024). */
    timeSensitive: z.boolean().default(false),
    tags: z.array(z.string()).default([]),
    /** How people ask about this item in their own words: searched, never shown (see knowledge/README). */
    asked: z.array(z.string().trim().min(3, 'an asked question needs a few words').max(160, 'keep asked questions under 160 characters')).default([]),
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z
  .object({
    id: z.string().regex(/^[A-Z]$/, 'section ids are single capital letters'),
    title: z.string().min(3),
    summary: z.string().min(3),
    items: z.array(ChecklistItem).min(1),
  })
  .strict();
export type ChecklistSection = z.infer<typeof ChecklistSection>;

export const ChecklistDefinition = z
  .object({
    id: z.literal('cis'),
    title: z.string(),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'use a version like 1.0'),
    published: PartialDate,
    publisher: z.string(),
    status: z.string(),
    basedOn: z.string(),
    sections: z.array(ChecklistSection).min(1),
  })
  .strict()
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.sections.forEach((section, s) => {
      section.items.forEach((item, i) => {
        if (!item.id.startsWith(`CIS-${section.id}`)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sections', s, 'items', i, 'id'], message: `${item.id} is not in section ${section.id}` });
        }
        if (seen.has(item.id)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sections', s, 'items', i, 'id'], message: `${item.id} appears twice` });
        }
        seen.add(item.id);
      });
    });
  });
export type ChecklistDefinition = z.infer<typeof ChecklistDefinition>;

export function parseChecklist(yamlText: string): ChecklistDefinition {
  return ChecklistDefinition.parse(parse(yamlText));
}

export async function loadChecklist(path: string): Promise<ChecklistDefinition> {
  return parseChecklist(await readFile(path, 'utf8'));
}

/** Items in walk order, each with its section and position, so callers never re-derive them. */
export function flattenItems(def: ChecklistDefinition) {
  return def.sections.flatMap((section) =>
    section.items.map((item, index) => ({ item, section, indexInSection: index, sectionSize: section.items.length })),
  );
}

export type FlatItem = ReturnType<typeof flattenItems>[number];

/** Where the bot reads the checklist from, inside the knowledge folder. */
export function checklistPath(knowledgeDir: string): string {
  return `${knowledgeDir.replace(/\/+$/, '')}/checklist/cis.yaml`;
}

/**
 * Load the checklist if the file is there. A missing file means "not installed yet" (the bot still
 * answers questions); a file that is present but invalid stops start-up, like a broken card template.
 */
export async function loadChecklistIfPresent(path: string): Promise<ChecklistDefinition | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = ChecklistDefinition.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'checklist'}: ${i.message}`).join('; ');
    throw new Error(`The checklist at ${path} is not valid: ${problems}`);
  }
  return parsed.data;
}

/** "e3", "CIS-e3" and "cis e3" all mean CIS-E3; anything else is undefined. */
export function normaliseItemId(text: string): string | undefined {
  const match = /^(?:cis[-\s]?)?([a-z])\s*(\d{1,2})$/i.exec(text.trim());
  return match ? `CIS-${match[1]!.toUpperCase()}${Number(match[2])}` : undefined;
}
