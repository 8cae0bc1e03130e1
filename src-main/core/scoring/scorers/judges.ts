/**
 * LLM-as-judge scorers. Pointwise: each judge rates the response on an anchored rubric; the
 * verdicts are aggregated (mean, majority or min). Pairwise: each judge compares the response
 * with the baseline model's response to the same item twice, in both orders, so that a judge
 * that always prefers the first position cancels out; a win counts 1, a tie ½, a loss 0.
 * Raw replies and reasoning are kept in the details; judge cost is counted apart.
 */
import { z } from 'zod';
import { aggregateScores } from '../judges/aggregate';
import { parsePairwise, parsePointwise, type PairwiseWinner } from '../judges/parse';
import { pairwisePrompt, pointwisePrompt } from '../judges/prompts';
import { BudgetOptions, JudgeSpec, judgeName } from '../judges/schema';
import { defineScorer, type ScoreInput, type ScoreResult, type ScorerRuntime } from '../types';

const Aggregate = z
  .enum(['mean', 'majority', 'min'])
  .default('mean')
  .describe('How several judges combine.');

export const RubricParams = z
  .strictObject({
    judges: z.array(JudgeSpec).min(1).describe('One or more judge models.'),
    aggregate: Aggregate,
    criteria: z.string().min(1).describe('What the judge should assess.'),
    scale: z
      .strictObject({ min: z.number().int(), max: z.number().int() })
      .default({ min: 1, max: 5 }),
    anchors: z
      .record(z.string().regex(/^-?\d+$/), z.string().min(1))
      .optional()
      .describe('A description for each score, e.g. {"1": "wrong", "5": "perfect"}.'),
    passAt: z.number().optional().describe('Pass when the aggregated score is at least this.'),
    includeReference: z
      .boolean()
      .default(true)
      .describe('Show the item reference to the judge when there is one.'),
    ...BudgetOptions,
  })
  .refine((p) => p.scale.max > p.scale.min, 'scale.max must exceed scale.min');
export type RubricParams = z.infer<typeof RubricParams>;

interface JudgeCall {
  judge: string;
  raw: string | null;
  costUsd: number | null;
  error: string | null;
}

async function callJudge(
  runtime: ScorerRuntime,
  judge: JudgeSpec,
  prompt: { system: string; user: string },
  maxTokens: number,
): Promise<JudgeCall & { text: string }> {
  if (!runtime.complete) throw new Error('no judge provider is available here');
  try {
    const reply = await runtime.complete({ judge, ...prompt, maxTokens, signal: runtime.signal });
    return {
      judge: judgeName(judge),
      raw: reply.text,
      text: reply.text,
      costUsd: reply.costUsd,
      error: null,
    };
  } catch (error) {
    if (runtime.signal.aborted) throw error;
    return {
      judge: judgeName(judge),
      raw: null,
      text: '',
      costUsd: null,
      error: String((error as Error).message ?? error),
    };
  }
}

function sumCost(calls: ReadonlyArray<{ costUsd: number | null }>): number | null {
  const known = calls.map((c) => c.costUsd).filter((c): c is number => c !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

export const rubricJudge = defineScorer<RubricParams>({
  id: 'judge-rubric',
  version: '1',
  label: 'LLM judge (rubric)',
  description:
    'One or more LLM judges rate each response on an anchored scale; verdicts are aggregated by mean, majority or min.',
  family: 'judge',
  scope: 'cell',
  execution: 'main',
  valueType: 'ordinal',
  paramsSchema: RubricParams,
  async score(input, params, runtime) {
    if (input.hasNoResponse)
      return { value: null, isPass: null, details: {}, error: 'no response to judge' };
    const prompt = pointwisePrompt(
      params,
      input.input,
      input.output,
      params.includeReference ? input.reference : null,
    );
    const verdicts = await Promise.all(
      params.judges.map(async (judge) => {
        const call = await callJudge(runtime, judge, prompt, params.maxOutputTokens);
        const parsed = call.error
          ? ({ ok: false, error: call.error } as const)
          : parsePointwise(call.text, params.scale);
        return {
          ...call,
          score: parsed.ok ? parsed.score : null,
          reasoning: parsed.ok ? parsed.reasoning : null,
          error: parsed.ok ? null : parsed.error,
        };
      }),
    );
    const scores = verdicts.map((v) => v.score).filter((s): s is number => s !== null);
    const value = aggregateScores(scores, params.aggregate);
    const details = {
      aggregate: params.aggregate,
      judges: verdicts.map(({ judge, score, reasoning, raw, error, costUsd }) => ({
        judge,
        score,
        reasoning,
        raw,
        error,
        costUsd,
      })),
    };
    if (value === null)
      return {
        value: null,
        isPass: null,
        details,
        costUsd: sumCost(verdicts),
        error: 'no judge gave a usable verdict',
      };
    return {
      value,
      isPass: params.passAt === undefined ? null : value >= params.passAt,
      details,
      costUsd: sumCost(verdicts),
    };
  },
});

export const PairwiseParams = z.strictObject({
  judges: z.array(JudgeSpec).min(1),
  aggregate: Aggregate,
  baseline: z
    .string()
    .min(1)
    .describe('The model id (in this suite) every other model is compared with.'),
  criteria: z
    .string()
    .min(1)
    .default('Which response answers the question better: more correct, complete and helpful.'),
  includeReference: z.boolean().default(true),
  ...BudgetOptions,
});
export type PairwiseParams = z.infer<typeof PairwiseParams>;

/** The candidate's outcome from one verdict, given whether the candidate was shown as A. */
function candidateOutcome(winner: PairwiseWinner, candidateIsA: boolean): number {
  if (winner === 'tie') return 0.5;
  return (winner === 'A') === candidateIsA ? 1 : 0;
}

async function judgeBothOrders(
  runtime: ScorerRuntime,
  judge: JudgeSpec,
  candidate: ScoreInput,
  baseline: ScoreInput,
  params: PairwiseParams,
) {
  const reference = params.includeReference ? candidate.reference : null;
  const orders = [
    {
      candidateIsA: true,
      prompt: pairwisePrompt(
        params.criteria,
        candidate.input,
        candidate.output,
        baseline.output,
        reference,
      ),
    },
    {
      candidateIsA: false,
      prompt: pairwisePrompt(
        params.criteria,
        candidate.input,
        baseline.output,
        candidate.output,
        reference,
      ),
    },
  ];
  const results = await Promise.all(
    orders.map(async (order) => {
      const call = await callJudge(runtime, judge, order.prompt, params.maxOutputTokens);
      const parsed = call.error
        ? ({ ok: false, error: call.error } as const)
        : parsePairwise(call.text);
      return {
        order: order.candidateIsA ? 'candidate-first' : 'baseline-first',
        winner: parsed.ok ? parsed.winner : null,
        outcome: parsed.ok ? candidateOutcome(parsed.winner, order.candidateIsA) : null,
        reasoning: parsed.ok ? parsed.reasoning : null,
        raw: call.raw,
        error: parsed.ok ? null : parsed.error,
        costUsd: call.costUsd,
      };
    }),
  );
  const outcomes = results.map((r) => r.outcome).filter((o): o is number => o !== null);
  return {
    judge: judgeName(judge),
    outcome: outcomes.length === 2 ? (outcomes[0]! + outcomes[1]!) / 2 : null,
    isPositionConsistent: outcomes.length === 2 ? outcomes[0] === outcomes[1] : null,
    orders: results,
    costUsd: sumCost(results),
  };
}

export const pairwiseJudge = defineScorer<PairwiseParams>({
  id: 'judge-pairwise',
  version: '1',
  label: 'LLM judge (pairwise)',
  description:
    "Each response is compared with the baseline model's response to the same item by one or more judges, in both orders to cancel position bias. Value: 1 win, ½ tie, 0 loss (averaged over orders and aggregated over judges).",
  family: 'judge',
  scope: 'pair',
  execution: 'main',
  valueType: 'continuous',
  paramsSchema: PairwiseParams,
  baselineModel: (params) => params.baseline,
  async scorePair(candidate, baseline, params, runtime): Promise<ScoreResult> {
    if (candidate.hasNoResponse)
      return { value: null, isPass: null, details: {}, error: 'no response to judge' };
    const judged = await Promise.all(
      params.judges.map((judge) => judgeBothOrders(runtime, judge, candidate, baseline, params)),
    );
    const outcomes = judged.map((j) => j.outcome).filter((o): o is number => o !== null);
    const value = aggregateScores(outcomes, params.aggregate);
    const details = {
      baseline: params.baseline,
      baselineCellId: baseline.cellId,
      aggregate: params.aggregate,
      judges: judged,
    };
    const costUsd = sumCost(judged);
    if (value === null)
      return {
        value: null,
        isPass: null,
        details,
        costUsd,
        error: 'no judge gave a usable verdict in both orders',
      };
    return { value, isPass: value > 0.5, details, costUsd };
  },
});
