/**
 * Iterating on a judge: an edited version of a judge scorer (its prompt criteria, rubric,
 * anchors or judge models) is re-run on the outputs of one session only — the calibration set
 * — as a background job, through the same scorer definition and judge providers the scoring
 * engine uses. Each verdict is written as it arrives, so a cancelled re-run keeps what it did.
 * Versions are stored apart from the run's scores (judge_variants), so they never change what
 * the run reports.
 */
import { ulid } from 'ulid';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import type { LabelingRepo } from '../db/repos/labeling';
import type { JobControl } from '../jobs/jobManager';
import { judgeCompletion } from '../scoring/judges/client';
import { baseInput, inputForSpec } from '../scoring/inputs';
import { defaultJudgeProviders } from '../scoring/run/providers';
import { ScoringRepo } from '../scoring/repo';
import type { ResolvedScorer } from '../scoring/specs';
import type { ScoreInput, ScoreResult, ScorerRuntime } from '../scoring/types';
import { hashJson } from '../util/hash';
import { nowIso } from '../util/time';
import { judgeScorer } from './calibrationData';
import { loadSession } from './config';
import { judgeVariantsRepo, labelingRepo } from './repo';

interface Job {
  candidate: ScoreInput;
  baseline: ScoreInput | null;
}

/** What to judge: the session's outputs of this run (pairs: candidate against the baseline). */
function jobsFor(
  ctx: CoreContext,
  repo: LabelingRepo,
  sessionId: string,
  runId: string,
  scorer: ResolvedScorer,
  params: unknown,
): Job[] {
  const inputs = new Map(
    new ScoringRepo(ctx.db)
      .cells(runId)
      .filter((c) => c.output !== null)
      .map((c) => [c.cell_id, baseInput(c)]),
  );
  const tasks = repo.tasks(sessionId);
  if (scorer.definition.scope !== 'pair')
    return tasks.flatMap((t) => {
      const cell = inputs.get(t.cell_id ?? '');
      return cell && t.cell_b_id === null ? [{ candidate: cell, baseline: null }] : [];
    });
  const baselineModel = scorer.definition.baselineModel(params);
  return tasks.flatMap((t) => {
    const a = inputs.get(t.cell_id ?? '');
    const b = inputs.get(t.cell_b_id ?? '');
    if (!a || !b) return [];
    if (b.modelKey === baselineModel && a.modelKey !== baselineModel)
      return [{ candidate: a, baseline: b }];
    if (a.modelKey === baselineModel && b.modelKey !== baselineModel)
      return [{ candidate: b, baseline: a }];
    return [];
  });
}

async function judgeOne(
  scorer: ResolvedScorer,
  params: unknown,
  job: Job,
  runtime: ScorerRuntime,
): Promise<ScoreResult> {
  const d = scorer.definition;
  const a = inputForSpec(job.candidate, scorer.spec, scorer.valueType);
  if ('result' in a) return a.result;
  try {
    if (d.scope === 'pair') {
      const b = inputForSpec(job.baseline as ScoreInput, scorer.spec, scorer.valueType);
      return await d.scorePair(
        a.input,
        'input' in b ? b.input : (job.baseline as ScoreInput),
        params,
        runtime,
      );
    }
    if (d.scope === 'cell') return await d.score(a.input, params, runtime);
    throw new Error(`${d.id} cannot be re-run on single outputs`);
  } catch (error) {
    if (runtime.signal.aborted) throw error;
    return {
      value: null,
      isPass: null,
      details: {},
      error: String((error as Error).message ?? error),
    };
  }
}

function validatedParams(scorer: ResolvedScorer, params: Record<string, unknown>): unknown {
  const parsed = scorer.definition.paramsSchema.safeParse(params);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    'bad_request',
    `the edited parameters are not valid for ${scorer.spec.type}`,
    parsed.error.issues.map((i) => ({
      path: `params.${i.path.map(String).join('.')}`,
      message: i.message,
    })),
  );
}

interface VariantRequest {
  sessionId: string;
  runId: string;
  scorerKey: string;
  name: string;
  params: Record<string, unknown>;
}

export function createVariant(
  ctx: CoreContext,
  request: VariantRequest,
): { variantId: string; jobId: string } {
  const repo = labelingRepo(ctx);
  const variants = judgeVariantsRepo(ctx);
  loadSession(repo, request.sessionId);
  const scorer = judgeScorer(ctx, request.runId, request.scorerKey);
  const params = validatedParams(scorer, request.params);
  const taken = variants.variants(request.sessionId, request.runId, request.scorerKey);
  if (taken.some((v) => v.name === request.name))
    throw new ApiError(
      'conflict',
      `a version named "${request.name}" of ${request.scorerKey} exists`,
    );
  const jobs = jobsFor(ctx, repo, request.sessionId, request.runId, scorer, params);
  if (jobs.length === 0)
    throw new ApiError(
      'bad_request',
      `no output of the session can be judged by ${request.scorerKey} in this run`,
    );
  const variantId = `jv_${ulid().toLowerCase()}`;
  const d = scorer.definition;
  variants.insertVariant({
    id: variantId,
    session_id: request.sessionId,
    run_id: request.runId,
    scorer_key: request.scorerKey,
    scorer_id: scorer.spec.type,
    name: request.name,
    params: JSON.stringify(params),
    config_hash: hashJson({
      type: scorer.spec.type,
      version: d.version,
      field: scorer.spec.field ?? null,
      params,
    }),
    status: 'running',
    error: null,
    created_at: nowIso(),
  });
  const job = ctx.jobs.start(
    'calibration',
    `Judge version "${request.name}" of ${request.scorerKey}`,
    async (control) => {
      try {
        const done = await judgeAll(ctx, variantId, scorer, params, jobs, control);
        finish(ctx, variantId, control.signal.aborted ? 'cancelled' : 'completed', null);
        return done;
      } catch (error) {
        const cancelled = control.signal.aborted;
        finish(
          ctx,
          variantId,
          cancelled ? 'cancelled' : 'failed',
          cancelled ? null : String(error),
        );
        throw error;
      }
    },
  );
  return { variantId, jobId: job.id };
}

function finish(
  ctx: CoreContext,
  variantId: string,
  status: 'completed' | 'failed' | 'cancelled',
  error: string | null,
): void {
  // The core may have closed while the job wound down; nothing is left to record then.
  if (!ctx.db.raw.open) return;
  const redacted = error === null ? null : ctx.redactor.apply(error);
  judgeVariantsRepo(ctx).setVariantStatus(variantId, status, redacted);
  ctx.events.emit('calibration.variantFinished', { variantId, status, error: redacted });
}

/** Judges every job with bounded concurrency, writing each verdict as it arrives. */
async function judgeAll(
  ctx: CoreContext,
  variantId: string,
  scorer: ResolvedScorer,
  params: unknown,
  jobs: readonly Job[],
  control: JobControl,
): Promise<number> {
  const repo = judgeVariantsRepo(ctx);
  const runtime: ScorerRuntime = {
    signal: control.signal,
    seed: variantId,
    complete: judgeCompletion(defaultJudgeProviders(ctx), new ScoringRepo(ctx.db)),
  };
  let done = 0;
  let next = 0;
  control.progress(0, jobs.length, 'judging');
  const lane = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      if (control.signal.aborted) return;
      const item = jobs[i] as Job;
      const result = await judgeOne(scorer, params, item, runtime);
      repo.writeVariantScore(variantId, {
        cell_id: item.candidate.cellId,
        value: result.value,
        is_pass: result.isPass === null ? null : result.isPass ? 1 : 0,
        details: JSON.stringify(result.details),
        cost_usd: result.costUsd ?? null,
        error: result.error ?? null,
        created_at: nowIso(),
      });
      control.progress(++done, jobs.length);
    }
  };
  const concurrency = (params as { concurrency?: number }).concurrency ?? 4;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, lane));
  return done;
}
