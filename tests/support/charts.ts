/**
 * Teams' chart elements (Chart.VerticalBar.Grouped, Chart.HorizontalBar.Stacked, …)
 * are not in the Adaptive Cards SDK the card tests parse with, so they are
 * checked here instead: their shape as Teams documents it (at most four data
 * sets, well-known colours), and a fallback for clients without charts. The
 * card is then handed to the SDK with each chart replaced by its fallback,
 * which is exactly what such a client renders.
 */
import { z } from 'zod';

/** The chart colours Teams knows by name. */
const COLORS = [
  'good', 'warning', 'attention', 'neutral',
  'categoricalRed', 'categoricalPurple', 'categoricalLavender', 'categoricalBlue', 'categoricalLightBlue', 'categoricalTeal', 'categoricalGreen', 'categoricalLime', 'categoricalMarigold',
  'sequential1', 'sequential2', 'sequential3', 'sequential4', 'sequential5', 'sequential6', 'sequential7', 'sequential8',
  'divergingBlue', 'divergingLightBlue', 'divergingCyan', 'divergingTeal', 'divergingYellow', 'divergingPeach', 'divergingLightRed', 'divergingRed', 'divergingMaroon', 'divergingGray',
] as const;
const Color = z.enum(COLORS);
const Fallback = z.union([z.literal('drop'), z.object({ type: z.string() }).passthrough()]);

const common = {
  title: z.string().optional(),
  id: z.string().optional(),
  spacing: z.string().optional(),
  separator: z.boolean().optional(),
  colorSet: z.string().optional(),
  color: Color.optional(),
  xAxisTitle: z.string().optional(),
  yAxisTitle: z.string().optional(),
  fallback: Fallback,
};
const dataSets = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1, 'a chart needs data').max(4, 'Teams charts take at most four data sets');
const point = z.object({ x: z.string().min(1), y: z.number().min(0), color: Color.optional() }).strict();

const CHARTS: Record<string, z.ZodTypeAny> = {
  'Chart.VerticalBar.Grouped': z
    .object({ type: z.literal('Chart.VerticalBar.Grouped'), ...common, stacked: z.boolean().optional(), showBarValues: z.boolean().optional(), data: dataSets(z.object({ legend: z.string().min(1), color: Color.optional(), values: z.array(point.omit({ color: true })).min(1) }).strict()) })
    .strict(),
  'Chart.HorizontalBar.Stacked': z
    .object({ type: z.literal('Chart.HorizontalBar.Stacked'), ...common, data: dataSets(z.object({ title: z.string().min(1), data: z.array(z.object({ legend: z.string().min(1), value: z.number().min(0), color: Color.optional() }).strict()).min(1) }).strict()) })
    .strict(),
  'Chart.HorizontalBar': z.object({ type: z.literal('Chart.HorizontalBar'), ...common, displayMode: z.enum(['AbsoluteWithAxis', 'AbsoluteNoAxis', 'PartToWhole']).optional(), data: dataSets(point) }).strict(),
  'Chart.VerticalBar': z.object({ type: z.literal('Chart.VerticalBar'), ...common, showBarValues: z.boolean().optional(), data: z.array(point).min(1) }).strict(),
};

/** Problems with the card's chart elements, and the card as a client without charts sees it. */
export function withoutCharts(card: unknown): { problems: string[]; card: unknown } {
  const problems: string[] = [];
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace).filter((n) => n !== DROP);
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Chart.')) {
      const schema = CHARTS[o.type];
      if (!schema) problems.push(`chart: ${o.type} is not a chart type Teams renders`);
      else {
        const parsed = schema.safeParse(o);
        if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `chart ${o.type}: ${i.path.join('.') || 'element'}: ${i.message}`));
      }
      if (o.fallback === undefined) return DROP;
      return o.fallback === 'drop' ? DROP : replace(o.fallback);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, replace(v)]));
  };
  return { problems, card: replace(card) };
}

const DROP = Symbol('drop');
