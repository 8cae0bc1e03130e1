/** The score table of a run: per model and scorer, estimates with intervals, and operations. */
import type { ModelSummary, RunScoreSummary, ScorerEstimate } from '@contract/routes/scoring';
import type { CoreContext } from '../../context';
import { latencySummary, operationalSummary } from '../../stats/latency';
import { promptSensitivity, repeatVariance, type Observation } from '../../stats/sensitivity';
import { nowIso } from '../../util/time';
import { meanEstimate, passAtKs, passRateEstimate, warningFor } from './estimates';
import { modelScores } from './itemScores';
import { loadRunData, modelKeys, num, type RunData, type ScorerInfo } from './runData';

function scorerEstimate(
  data: RunData,
  scorer: ScorerInfo,
  modelKey: string,
  level: number,
): ScorerEstimate {
  const { cells, items } = modelScores(data, scorer.key, modelKey);
  const seed = `${data.run.id}:${scorer.key}:${modelKey}`;
  const scored = cells.filter((c) => c.score);
  const withValue = scored.filter((c) => c.score?.value !== null);
  const costs = scored
    .map((c) => c.score?.cost_usd)
    .filter((c): c is number => typeof c === 'number');
  const valued = items.filter((i) => i.value !== null);
  const failed = scored.filter((c) => c.score?.error);
  // A scorer that could score no output says why (e.g. the output is not the JSON its field
  // is read from), not only that there is nothing to estimate.
  const firstError = failed[0]?.score?.error;
  const warning =
    valued.length === 0 && firstError
      ? `no output could be scored: ${failed.length} errors, e.g. ${firstError}`
      : warningFor(valued.length);
  return {
    scorerKey: scorer.key,
    scorerType: scorer.type,
    valueType: scorer.valueType,
    n: withValue.length,
    items: valued.length,
    errors: failed.length,
    unscored: cells.length - scored.length,
    passRate: passRateEstimate(items, level, seed),
    mean: meanEstimate(items, level, `${seed}:mean`),
    passAtK: scorer.valueType === 'binary' ? passAtKs(items) : null,
    overridden: scored.filter((c) => c.score?.is_overridden).length,
    judgeCostUsd: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
    warning,
  };
}

function observations(data: RunData, scorerKey: string, modelKey: string): Observation[] {
  return modelScores(data, scorerKey, modelKey)
    .cells.filter((c) => c.score && (c.score.value !== null || c.score.is_pass !== null))
    .map(({ cell, score }) => ({
      itemKey: cell.row.item_key,
      promptKey: cell.row.prompt_key,
      repeat: cell.row.repeat,
      value: score?.value ?? score?.is_pass ?? 0,
    }));
}

/** A cell succeeded when it has an output and passes every pass/fail scorer that scored it. */
export function successes(data: RunData, modelKey: string): boolean[] {
  const binary = data.scorers.filter((s) => s.valueType === 'binary');
  return data.cells
    .filter((c) => c.row.model_key === modelKey && c.row.has_response === 1)
    .map(
      (c) =>
        c.row.output !== null &&
        binary.every((s) => data.scores.get(s.key)?.get(c.row.cell_id)?.is_pass !== 0),
    );
}

export function modelSummary(data: RunData, modelKey: string, level: number): ModelSummary {
  const cells = data.cells.filter((c) => c.row.model_key === modelKey);
  const answered = cells.filter((c) => c.row.has_response === 1);
  const timings = answered.map((c) => c.timing);
  const seed = `${data.run.id}:${modelKey}`;
  const nResamples = timings.length > 10_000 ? 1000 : 2000;
  const latency = latencySummary(timings, { confidenceLevel: level, seed, nResamples });
  const ops = operationalSummary(timings, successes(data, modelKey), {
    confidenceLevel: level,
    seed,
    nResamples,
  });
  const q = (e: { estimate: number; low: number; high: number }) => ({
    estimate: num(e.estimate),
    low: num(e.low),
    high: num(e.high),
    method: 'bootstrap-percentile',
    n: latency.n,
  });
  return {
    modelKey,
    cells: cells.length,
    responses: answered.length,
    errors: timings.filter((t) => t.isError).length,
    scorers: data.scorers.map((s) => scorerEstimate(data, s, modelKey, level)),
    latency: {
      n: latency.n,
      excludedCached: latency.excludedCached,
      excludedColdStart: latency.excludedColdStart,
      p50: q(latency.p50),
      p95: q(latency.p95),
      p99: q(latency.p99),
      meanMs: num(latency.mean),
    },
    operational: {
      errorRate: {
        estimate: num(ops.errorRate.estimate),
        low: num(ops.errorRate.low),
        high: num(ops.errorRate.high),
        method: 'wilson',
        n: ops.responses,
      },
      throughputPerSecond: num(ops.throughputPerSecond),
      tokensPerSecond: ops.tokensPerSecond
        ? {
            estimate: num(ops.tokensPerSecond.estimate),
            low: num(ops.tokensPerSecond.low),
            high: num(ops.tokensPerSecond.high),
            method: `bootstrap-${ops.tokensPerSecond.method}`,
            n: timings.filter((t) => t.tokensPerSecond !== null).length,
          }
        : null,
      totalCostUsd: ops.totalCostUsd,
      costPerSuccessUsd: ops.costPerSuccessUsd
        ? {
            estimate: num(ops.costPerSuccessUsd.estimate),
            low: num(ops.costPerSuccessUsd.low),
            high: num(ops.costPerSuccessUsd.high),
            method: 'bootstrap-percentile (ratio of sums)',
            n: answered.length,
          }
        : null,
      successes: ops.successes,
    },
    promptSensitivity: data.scorers.map((s) => {
      const p = promptSensitivity(observations(data, s.key, modelKey));
      return {
        scorerKey: s.key,
        perPrompt: p.perPrompt.map((x) => ({ ...x, mean: num(x.mean) })),
        range: num(p.range),
        meanItemStdAcrossPrompts: num(p.meanItemStdAcrossPrompts),
        itemsChangedByPrompt: num(p.itemsChangedByPrompt),
      };
    }),
    repeatVariance: data.scorers.map((s) => {
      const r = repeatVariance(observations(data, s.key, modelKey));
      return {
        scorerKey: s.key,
        meanWithinVariance: num(r.meanWithinVariance),
        unstableShare: num(r.unstableShare),
        cells: r.cells,
      };
    }),
  };
}

export function summarizeLoaded(data: RunData, confidenceLevel = 0.95): RunScoreSummary {
  return {
    runId: data.run.id,
    runName: data.run.name,
    status: data.run.status,
    confidenceLevel,
    overridesUsed: data.overridesUsed,
    scorers: data.scorers.map(({ key, type, version, configHash }) => ({
      key,
      type,
      version,
      configHash,
    })),
    models: modelKeys(data).map((m) => modelSummary(data, m, confidenceLevel)),
    generatedAt: nowIso(),
  };
}

export function summarizeRun(
  ctx: Pick<CoreContext, 'db'>,
  runId: string,
  confidenceLevel = 0.95,
): RunScoreSummary {
  return summarizeLoaded(loadRunData(ctx, runId), confidenceLevel);
}
