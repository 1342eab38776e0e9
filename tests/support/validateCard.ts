/**
 * Parse a card with Microsoft's own Adaptive Cards SDK and return every parse
 * warning and validation failure. Zero means a client built on the SDK (as
 * Teams is) renders it as we meant. Teams' chart elements, which the SDK does
 * not know, are checked by ./charts.ts and must carry a fallback.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { withoutCharts } from './charts.js';

// The package's ES build has extensionless imports that Node cannot resolve; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const json = card as { version?: string };
  if (Number(json.version) > 1.5) problems.push(`version ${json.version} is above 1.5, which Teams renders`);
  // Teams' chart elements are checked on their own; the SDK sees what a client without charts shows.
  const charts = withoutCharts(card);
  problems.push(...charts.problems);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(charts.card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > 20_000) problems.push(`card is ${size} bytes; Teams rejects messages over about 28 KB, keep cards under 20 KB`);
  return problems;
}
