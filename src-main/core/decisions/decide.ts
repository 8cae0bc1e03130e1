/**
 * Decision records: the suite's criteria evaluated on a run (optionally against a baseline run
 * for `.delta` metrics), the verdict, its reasons and weight sensitivity, stored with a manifest
 * that traces every number to its inputs (run manifest and hash, scorer configs, statistics
 * settings, app version).
 */
import type { Comparison, Decision, RunScoreSummary } from '@contract/routes/scoring';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { compareLoaded } from '../scoring/analysis/compare';
import { loadRunData, type RunData } from '../scoring/analysis/runData';
import { summarizeLoaded } from '../scoring/analysis/summary';
import { ScoringRepo, type DecisionRow } from '../scoring/repo';
import type { CriterionSpec } from '../suites/schema';
import { hashJson } from '../util/hash';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { evaluateCriterion, verdictOf, weightSensitivity, type Thresholds } from './evaluate';

export interface DecideInput {
  runId: string;
  modelKey?: string | undefined;
  baselineRunId?: string | undefined;
  baselineModel?: string | undefined;
  confidenceLevel?: number;
  weights?: Record<string, number> | undefined;
  shipThreshold?: number;
  caveatThreshold?: number;
}

export interface Evaluated {
  decision: Omit<Decision, 'id' | 'createdAt'>;
  summary: RunScoreSummary;
  comparison: Comparison | null;
  data: RunData;
  baseline: RunData | null;
  criteria: CriterionSpec[];
}

/** Evaluates without storing (the gate and reports use this too). */
export function evaluateDecision(ctx: Pick<CoreContext, 'db'>, input: DecideInput): Evaluated {
  const level = input.confidenceLevel ?? 0.95;
  const data = loadRunData(ctx, input.runId);
  const summary = summarizeLoaded(data, level);
  const models = summary.models.map((m) => m.modelKey);
  const modelKey = input.modelKey ?? (models.length === 1 ? models[0] : undefined);
  if (!modelKey || !models.includes(modelKey)) {
    throw new ApiError(
      'bad_request',
      `say which model of run ${input.runId} to decide on (it has ${models.join(', ') || 'no models'})`,
    );
  }
  const model = summary.models.find((m) => m.modelKey === modelKey)!;
  const baseline = input.baselineRunId ? loadRunData(ctx, input.baselineRunId) : null;
  const comparison = baseline
    ? compareLoaded(baseline, data, {
        baselineRunId: baseline.run.id,
        candidateRunId: data.run.id,
        baselineModel: input.baselineModel,
        candidateModel: modelKey,
        confidenceLevel: level,
      })
    : null;
  const criteria = data.criteria;
  const thresholds: Thresholds = {
    ship: input.shipThreshold ?? 0.75,
    caveats: input.caveatThreshold ?? 0.5,
  };
  const evaluations = criteria.map((c) =>
    evaluateCriterion(c, model, comparison, input.weights?.[c.metric] ?? c.weight),
  );
  const verdict = verdictOf(evaluations, thresholds);
  const manifest = decisionManifest(data, baseline, level, thresholds, input.weights);
  return {
    decision: {
      runId: data.run.id,
      baselineRunId: baseline?.run.id ?? null,
      baselineModel: comparison?.baseline.modelKey ?? null,
      modelKey,
      verdict: verdict.verdict,
      weightedScore: verdict.score,
      reasons: verdict.reasons,
      criteria: evaluations,
      weightSensitivity: weightSensitivity(evaluations, thresholds),
      thresholds,
      confidenceLevel: level,
      manifestHash: hashJson(manifest),
    },
    summary,
    comparison,
    data,
    baseline,
    criteria,
  };
}

function decisionManifest(
  data: RunData,
  baseline: RunData | null,
  level: number,
  thresholds: Thresholds,
  weights?: Record<string, number>,
) {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    run: {
      id: data.run.id,
      manifestHash: data.run.manifest_hash,
      manifest: parse(data.run.manifest),
    },
    baseline: baseline ? { id: baseline.run.id, manifestHash: baseline.run.manifest_hash } : null,
    scorers: data.scorers,
    criteria: data.criteria,
    weightOverrides: weights ?? null,
    statistics: {
      confidenceLevel: level,
      thresholds,
      intervals:
        'Wilson for single-cell pass rates; BCa bootstrap over items otherwise; Newcombe (method 10) for paired pass-rate differences; paired BCa bootstrap for score differences',
      seeds: 'derived from run ids and scorer keys',
    },
  };
}

export function storeDecision(
  ctx: Pick<CoreContext, 'db' | 'appVersion'>,
  evaluated: Evaluated,
): Decision {
  const id = newId('decision');
  const createdAt = nowIso();
  const row: DecisionRow = {
    id,
    run_id: evaluated.decision.runId,
    baseline_run_id: evaluated.decision.baselineRunId,
    baseline_model: evaluated.decision.baselineModel,
    model_key: evaluated.decision.modelKey,
    verdict: evaluated.decision.verdict,
    weighted_score: evaluated.decision.weightedScore,
    criteria: JSON.stringify(evaluated.criteria),
    evaluation: JSON.stringify({
      reasons: evaluated.decision.reasons,
      criteria: evaluated.decision.criteria,
      weightSensitivity: evaluated.decision.weightSensitivity,
      thresholds: evaluated.decision.thresholds,
      confidenceLevel: evaluated.decision.confidenceLevel,
    }),
    manifest: JSON.stringify({
      ...decisionManifest(
        evaluated.data,
        evaluated.baseline,
        evaluated.decision.confidenceLevel,
        evaluated.decision.thresholds,
      ),
      appVersion: ctx.appVersion,
      manifestHash: evaluated.decision.manifestHash,
    }),
    created_at: createdAt,
  };
  new ScoringRepo(ctx.db).insertDecision(row);
  return { ...evaluated.decision, id, createdAt };
}

export function decisionFromRow(row: DecisionRow): Decision {
  const evaluation = JSON.parse(row.evaluation) as Pick<
    Decision,
    'reasons' | 'criteria' | 'weightSensitivity' | 'thresholds' | 'confidenceLevel'
  >;
  const manifest = JSON.parse(row.manifest) as { manifestHash?: string };
  return {
    id: row.id,
    runId: row.run_id,
    baselineRunId: row.baseline_run_id,
    baselineModel: row.baseline_model,
    modelKey: row.model_key,
    verdict: row.verdict,
    weightedScore: row.weighted_score,
    reasons: evaluation.reasons,
    criteria: evaluation.criteria,
    weightSensitivity: evaluation.weightSensitivity,
    thresholds: evaluation.thresholds,
    confidenceLevel: evaluation.confidenceLevel,
    manifestHash: manifest.manifestHash ?? hashJson(manifest),
    createdAt: row.created_at,
  };
}
