/** A user-written JavaScript scorer, run in the QuickJS sandbox (no fs, network or process). */
import { z } from 'zod';
import { runScoreFunction } from '../sandbox/quickjsSandbox';
import { defineScorer, type ScoreResult } from '../types';

const CustomParams = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(100_000)
    .describe(
      'JavaScript defining function score({ output, reference, input, category, metadata }) that returns a number, a boolean, or { value, pass, details }.',
    ),
  valueType: z.enum(['binary', 'continuous', 'ordinal']).default('continuous'),
  timeoutMs: z.number().int().min(10).max(60_000).default(1000),
  memoryMb: z.number().int().min(1).max(512).default(32),
});
type CustomParams = z.infer<typeof CustomParams>;

/** Turns what the user's function returned into a score, or explains why it cannot. */
export function interpretCustomResult(value: unknown): ScoreResult {
  if (typeof value === 'boolean') return { value: value ? 1 : 0, isPass: value, details: {} };
  if (typeof value === 'number' && Number.isFinite(value))
    return { value, isPass: null, details: {} };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const r = value as { value?: unknown; pass?: unknown; details?: unknown };
    const v =
      typeof r.value === 'number' && Number.isFinite(r.value)
        ? r.value
        : typeof r.pass === 'boolean'
          ? r.pass
            ? 1
            : 0
          : null;
    if (v === null)
      return {
        value: null,
        isPass: null,
        details: {},
        error: 'score() returned an object without a numeric value or boolean pass',
      };
    const details =
      r.details && typeof r.details === 'object' ? (r.details as Record<string, unknown>) : {};
    return { value: v, isPass: typeof r.pass === 'boolean' ? r.pass : null, details };
  }
  return {
    value: null,
    isPass: null,
    details: {},
    error: `score() returned ${JSON.stringify(value)}: expected a number, boolean or { value, pass }`,
  };
}

export const customJs = defineScorer<CustomParams>({
  id: 'custom-js',
  version: '1',
  label: 'Custom JavaScript',
  description:
    'Runs your score() function in a QuickJS WebAssembly sandbox with no file system, network or process access, under a time and memory limit.',
  family: 'custom',
  scope: 'cell',
  execution: 'pool',
  valueType: (params) => params.valueType,
  paramsSchema: CustomParams,
  async score(input, params) {
    const outcome = await runScoreFunction(
      params.code,
      {
        output: input.output,
        reference: input.reference,
        input: input.input,
        category: input.category,
        metadata: input.metadata,
      },
      params,
    );
    if (!outcome.ok)
      return { value: null, isPass: null, details: {}, error: `custom scorer: ${outcome.error}` };
    return interpretCustomResult(outcome.value);
  },
});
