/**
 * Main-thread scorers (LLM judges, embeddings) and pairwise judges: calls overlap up to the
 * scorer's concurrency, the judge budget is planned before the first call, and results are
 * written in small batches as they complete.
 */
import { planJudges, type JudgePlan } from '../judges/budget';
import { pairwisePrompt, pointwisePrompt } from '../judges/prompts';
import type { JudgeSpec } from '../judges/schema';
import { inputForSpec } from '../inputs';
import type { ResolvedScorer } from '../specs';
import type { ScoreInput, ScoreResult, ScorerRuntime } from '../types';
import { judgePrice } from './providers';
import type { ScorerOutcome, ScoringSession } from './session';

interface JudgeParams {
  judges?: JudgeSpec[];
  fallbackJudges?: JudgeSpec[];
  onOverBudget?: 'cheaper-judge' | 'sample' | 'refuse';
  budgetUsd?: number;
  maxOutputTokens?: number;
  concurrency?: number;
  criteria?: string;
  scale?: { min: number; max: number };
  anchors?: Record<string, string>;
  includeReference?: boolean;
}

/** Runs `work` over `items` with at most `limit` in flight, writing every `flushEvery` results. */
async function overlapped<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<ScoreResult>,
  flush: (done: Array<{ item: T; result: ScoreResult }>) => void,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  let pending: Array<{ item: T; result: ScoreResult }> = [];
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) {
      if (signal.aborted) return;
      const item = items[i] as T;
      // Await first: `pending` may be swapped by another lane's flush while this one waits.
      const result = await work(item);
      pending.push({ item, result });
      if (pending.length >= 20) {
        flush(pending);
        pending = [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (pending.length) flush(pending);
}

function applyPlan(
  scorer: ResolvedScorer,
  params: JudgeParams,
  todo: ScoreInput[],
  prompts: (cell: ScoreInput) => string,
  calls: number,
  runtime: ScorerRuntime,
  session: ScoringSession,
  outcome: ScorerOutcome,
) {
  if (!params.judges) return { params: scorer.params, todo, plan: null as JudgePlan | null };
  const plan = planJudges({
    judges: params.judges,
    fallbackJudges: params.fallbackJudges ?? [],
    onOverBudget: params.onOverBudget ?? 'cheaper-judge',
    budgetUsd: params.budgetUsd,
    maxOutputTokens: params.maxOutputTokens ?? 400,
    callsPerCell: calls,
    prompts: todo.map((cell) => ({ cellId: cell.cellId, text: prompts(cell) })),
    price: (judge) => judgePrice(session.repo, judge),
    seed: runtime.seed,
  });
  if (plan.note) outcome.notes.push(plan.note);
  return {
    params: { ...(scorer.params as object), judges: plan.judges },
    todo: plan.sample ? todo.filter((c) => plan.sample?.has(c.cellId)) : todo,
    plan,
  };
}

function planDetails(plan: JudgePlan | null): Record<string, unknown> | undefined {
  if (!plan || (!plan.note && !plan.sample)) return undefined;
  return {
    budget: {
      note: plan.note,
      sampled: plan.sample !== null,
      estimatedCostUsd: plan.estimatedCostUsd,
    },
  };
}

/**
 * Scores the planned cells with `scoreOne`, overlapping calls up to the scorer's concurrency:
 * a failed call becomes that cell's error (not the scorer's), cancellation stops everything,
 * and results are written in small batches as they complete.
 */
async function scorePlanned(
  session: ScoringSession,
  scorer: ResolvedScorer,
  outcome: ScorerOutcome,
  planned: ReturnType<typeof applyPlan>,
  concurrency: number | undefined,
  scoreOne: (cell: ScoreInput) => ScoreResult | Promise<ScoreResult>,
): Promise<void> {
  const extra = planDetails(planned.plan);
  await overlapped(
    planned.todo,
    concurrency ?? 4,
    async (cell) => {
      try {
        return await scoreOne(cell);
      } catch (error) {
        if (session.signal.aborted) throw error;
        return {
          value: null,
          isPass: null,
          details: {},
          error: String((error as Error).message ?? error),
        };
      }
    },
    (done) =>
      session.write(
        scorer,
        outcome,
        done.map((d) => d.item),
        done.map((d) => d.result),
        extra,
      ),
    session.signal,
  );
  session.checkCancelled();
}

export async function scoreOnMain(
  session: ScoringSession,
  scorer: ResolvedScorer,
  todo: ScoreInput[],
  outcome: ScorerOutcome,
  runtime: ScorerRuntime,
): Promise<void> {
  const definition = scorer.definition;
  if (definition.scope !== 'cell') throw new Error(`${definition.id} is not a cell scorer`);
  const params = scorer.params as JudgeParams;
  const rubric = {
    criteria: params.criteria ?? '',
    scale: params.scale ?? { min: 1, max: 5 },
    anchors: params.anchors,
  };
  const promptText = (cell: ScoreInput) => {
    const p = pointwisePrompt(
      rubric,
      cell.input,
      cell.output,
      params.includeReference ? cell.reference : null,
    );
    return `${p.system}\n${p.user}`;
  };
  const planned = applyPlan(scorer, params, todo, promptText, 1, runtime, session, outcome);
  await scorePlanned(session, scorer, outcome, planned, params.concurrency, (cell) => {
    const prepared = inputForSpec(cell, scorer.spec, scorer.valueType);
    if ('result' in prepared) return prepared.result;
    return definition.score(prepared.input, planned.params, runtime);
  });
}

export async function scorePairs(
  session: ScoringSession,
  scorer: ResolvedScorer,
  todo: ScoreInput[],
  outcome: ScorerOutcome,
  runtime: ScorerRuntime,
): Promise<void> {
  const definition = scorer.definition;
  if (definition.scope !== 'pair') throw new Error(`${definition.id} is not a pair scorer`);
  const baselineModel = definition.baselineModel(scorer.params);
  const key = (c: ScoreInput) => `${c.itemKey}\u0000${c.promptKey}\u0000${c.repeat}`;
  const baselines = new Map(
    session
      .answered()
      .filter((c) => c.modelKey === baselineModel)
      .map((c) => [key(c), c]),
  );
  if (baselines.size === 0) {
    outcome.notes.push(
      `no responses of the baseline model "${baselineModel}" in this run: nothing to compare`,
    );
    return;
  }
  const candidates = todo.filter((c) => c.modelKey !== baselineModel && baselines.has(key(c)));
  const params = scorer.params as JudgeParams;
  const promptText = (cell: ScoreInput) => {
    const p = pairwisePrompt(
      params.criteria ?? '',
      cell.input,
      cell.output,
      baselines.get(key(cell))?.output ?? '',
      params.includeReference ? cell.reference : null,
    );
    return `${p.system}\n${p.user}`;
  };
  const planned = applyPlan(scorer, params, candidates, promptText, 2, runtime, session, outcome);
  await scorePlanned(session, scorer, outcome, planned, params.concurrency, (cell) => {
    const baseline = baselines.get(key(cell)) as ScoreInput;
    const a = inputForSpec(cell, scorer.spec, scorer.valueType);
    const b = inputForSpec(baseline, scorer.spec, scorer.valueType);
    if ('result' in a) return a.result;
    return definition.scorePair(
      a.input,
      'input' in b ? b.input : baseline,
      planned.params,
      runtime,
    );
  });
}
