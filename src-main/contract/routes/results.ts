import { z } from 'zod';
import { defineRoute } from '../define';
import { Id, Page } from '../common';

/**
 * The compare grid: one run (columns = its models, or its prompt variants) or two runs
 * (baseline vs candidate, matched by item key, prompt key and repeat), paged and filtered in
 * the core. Numbers are stored values, never recomputed by the renderer.
 */

export const GridColumnsBy = z.enum(['model', 'prompt']);
export type GridColumnsBy = z.infer<typeof GridColumnsBy>;

export const GridFilter = z.strictObject({
  category: z.string().optional(),
  tag: z.string().optional(),
  /** Rows where some column passed (`pass`) or failed (`fail`) this scorer. */
  scorer: z.strictObject({ key: z.string(), outcome: z.enum(['pass', 'fail']) }).optional(),
  /** Rows where some column ended in an error. */
  hasErrors: z.boolean().optional(),
  /** Rows where a baseline column passed this scorer and a candidate column failed it. */
  regressionScorer: z.string().optional(),
  /** Rows where a judge's pass/fail differs from a person's (a label or an override). */
  hasDisagreement: z.boolean().optional(),
  /** Rows where some output carries this failure mode (its id). */
  failureModeId: Id.optional(),
  /** Case-insensitive text in the input or any output of the row. */
  search: z.string().max(500).optional(),
});
export type GridFilter = z.infer<typeof GridFilter>;

export const GridSortInput = z.strictObject({
  /** A column id from the grid's `columns`. */
  columnId: z.string(),
  scorerKey: z.string(),
  direction: z.enum(['asc', 'desc']),
});

export const GridQueryInput = z.strictObject({
  runId: Id,
  /** Two-run compare: this run's columns are the baseline, `runId`'s the candidate. */
  baselineRunId: Id.optional(),
  columnsBy: GridColumnsBy.default('model'),
  /** Single-run regressions: which column is the baseline (default: the first). */
  baselineColumnId: z.string().optional(),
  filter: GridFilter.default({}),
  sort: GridSortInput.optional(),
  page: Page.default({ offset: 0, limit: 100 }),
});
export type GridQueryInput = z.input<typeof GridQueryInput>;

export const GridColumn = z.object({
  id: z.string(),
  label: z.string(),
  runId: Id,
  /** The model (columns by model) or prompt variant (columns by prompt) this column shows. */
  key: z.string(),
  isBaseline: z.boolean(),
});
export type GridColumn = z.infer<typeof GridColumn>;

export const GridScore = z.object({
  scorerKey: z.string(),
  value: z.number().nullable(),
  isPass: z.boolean().nullable(),
  error: z.string().nullable(),
  isOverridden: z.boolean(),
});
export type GridScore = z.infer<typeof GridScore>;

export const GridCell = z.object({
  cellId: z.string(),
  status: z.enum(['pending', 'done', 'error', 'skipped']),
  /** The first characters of the output (the detail route has all of it). */
  excerpt: z.string().nullable(),
  errorClass: z.string().nullable(),
  scores: z.array(GridScore),
  failureModeIds: z.array(z.string()),
});
export type GridCell = z.infer<typeof GridCell>;

export const GridRow = z.object({
  /** Position in the filtered, sorted list. */
  index: z.number().int(),
  itemKey: z.string(),
  category: z.string().nullable(),
  inputExcerpt: z.string(),
  /** The other row dimension: a prompt key (columns by model) or a model key (by prompt). */
  variant: z.string(),
  repeat: z.number().int(),
  /** By column id; a column without a cell for this row is absent. */
  cells: z.record(z.string(), GridCell),
});
export type GridRow = z.infer<typeof GridRow>;

export const GridPage = z.object({
  total: z.number().int(),
  /** Rows before any filter. */
  unfilteredTotal: z.number().int(),
  columns: z.array(GridColumn),
  scorerKeys: z.array(z.string()),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  rows: z.array(GridRow),
});
export type GridPage = z.infer<typeof GridPage>;

const Labeled = z.object({
  labelId: z.string(),
  rater: z.string(),
  sessionName: z.string().nullable(),
  score: z.number().nullable(),
  isPass: z.boolean().nullable(),
  /** Pairwise: 'a' is this output, 'b' the other one (canonical order). */
  choice: z.string().nullable(),
  role: z.enum(['single', 'a', 'b']),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});

export const DetailScore = GridScore.extend({
  scorerType: z.string(),
  isJudge: z.boolean(),
  automatedIsPass: z.boolean().nullable(),
  reasoning: z.string().nullable(),
  costUsd: z.number().nullable(),
});
export type DetailScore = z.infer<typeof DetailScore>;

export const DetailOutput = z.object({
  cellId: z.string(),
  runId: Id,
  runName: z.string(),
  modelKey: z.string(),
  promptKey: z.string(),
  repeat: z.number().int(),
  status: z.enum(['pending', 'done', 'error', 'skipped']),
  /** The prompt as sent (its messages, rendered from the template and the item). */
  renderedPrompt: z.string().nullable(),
  output: z.string().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  latencyMs: z.number().nullable(),
  ttftMs: z.number().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  isTokenEstimate: z.boolean(),
  costUsd: z.number().nullable(),
  isCached: z.boolean(),
  scores: z.array(DetailScore),
  labels: z.array(Labeled),
  failureModeIds: z.array(z.string()),
});
export type DetailOutput = z.infer<typeof DetailOutput>;

export const RowDetail = z.object({
  itemKey: z.string(),
  category: z.string().nullable(),
  input: z.string(),
  reference: z.string().nullable(),
  tags: z.array(z.string()),
  outputs: z.array(DetailOutput),
});
export type RowDetail = z.infer<typeof RowDetail>;

export const resultsRoutes = {
  'results.grid': defineRoute({
    kind: 'query',
    description:
      'A page of the compare grid of one run (or a baseline and a candidate run): filtered, sorted, with each column’s output excerpt, status and scores.',
    input: GridQueryInput,
    output: GridPage,
  }),
  'results.detail': defineRoute({
    kind: 'query',
    description:
      'One grid row in full: the item, and per output the rendered prompt, the output, scores with judge reasoning, human labels, latency, TTFT, tokens and cost.',
    input: z.strictObject({ cellIds: z.array(z.string()).min(1).max(64) }),
    output: RowDetail,
  }),
};
