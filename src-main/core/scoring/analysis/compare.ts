/**
 * Paired comparison of a candidate with a baseline on the items both answered: for each
 * scorer, both estimates, the difference with its interval, the paired test (McNemar's exact
 * test for single-cell pass/fail, else the sign-flip permutation test on item means), Holm
 * across scorers, an effect size, and the items that regressed or improved.
 */
import type { Comparison, Estimate, ScorerComparison } from '@contract/routes/scoring';
import { ApiError } from '../../apiError';
import type { CoreContext } from '../../context';
import { regressionsAndImprovements } from '../../stats/breakdown';
import { holmAdjust } from '../../stats/multipleTesting';
import { cohensDz, mcnemarExact, pairedBootstrap, pairedPermutationTest } from '../../stats/paired';
import { latencySummary } from '../../stats/latency';
import { meanEstimate, passRateEstimate, resamplesFor, warningFor } from './estimates';
import { modelScores, type ItemScore } from './itemScores';
import { loadRunData, modelKeys, num, type RunData, type ScorerInfo } from './runData';

export interface CompareInput {
  baselineRunId: string;
  candidateRunId: string;
  baselineModel?: string | undefined;
  candidateModel?: string | undefined;
  confidenceLevel?: number;
}

const listLimit = 200;

function pickModel(data: RunData, requested: string | undefined, role: string): string {
  const models = modelKeys(data);
  if (requested) {
    if (!models.includes(requested))
      throw new ApiError(
        'bad_request',
        `${role} run ${data.run.id} has no model "${requested}" (it has ${models.join(', ')})`,
      );
    return requested;
  }
  if (models.length !== 1)
    throw new ApiError(
      'bad_request',
      `${role} run ${data.run.id} has ${models.length} models (${models.join(', ')}): say which to compare`,
    );
  return models[0] as string;
}

function pairItems(base: readonly ItemScore[], cand: readonly ItemScore[]) {
  const byKey = new Map(cand.map((i) => [i.itemKey, i]));
  const pairs = base
    .filter((b) => byKey.has(b.itemKey))
    .map((b) => ({
      itemKey: b.itemKey,
      baseline: b,
      candidate: byKey.get(b.itemKey) as ItemScore,
    }));
  return {
    pairs,
    baselineOnly: base.length - pairs.length,
    candidateOnly: cand.length - pairs.length,
  };
}

function compareScorer(
  scorer: ScorerInfo,
  base: RunData,
  cand: RunData,
  models: [string, string],
  level: number,
): (ScorerComparison & { rawP: number | null }) | null {
  const baseItems = modelScores(base, scorer.key, models[0]).items;
  const candItems = modelScores(cand, scorer.key, models[1]).items;
  const { pairs } = pairItems(baseItems, candItems);
  const binary =
    scorer.valueType === 'binary' &&
    pairs.every((p) => p.baseline.judged > 0 && p.candidate.judged > 0);
  const usable = binary
    ? pairs
    : pairs.filter((p) => p.baseline.value !== null && p.candidate.value !== null);
  if (usable.length === 0) return null;
  const seed = `${base.run.id}:${cand.run.id}:${scorer.key}`;
  const estimateOf = (items: ItemScore[]) =>
    (binary ? passRateEstimate(items, level, seed) : meanEstimate(items, level, seed)) as Estimate;
  const baseValues = usable.map((p) =>
    binary ? (p.baseline.passShare as number) : (p.baseline.value as number),
  );
  const candValues = usable.map((p) =>
    binary ? (p.candidate.passShare as number) : (p.candidate.value as number),
  );
  const singleCell =
    binary && usable.every((p) => p.baseline.judged === 1 && p.candidate.judged === 1);
  let difference: Estimate;
  let test: ScorerComparison['test'];
  let effectSize: ScorerComparison['effectSize'];
  if (singleCell) {
    const m = mcnemarExact(
      {
        bothPass: usable.filter((p) => p.baseline.passes && p.candidate.passes).length,
        firstOnly: usable.filter((p) => p.baseline.passes && !p.candidate.passes).length,
        secondOnly: usable.filter((p) => !p.baseline.passes && p.candidate.passes).length,
        neither: usable.filter((p) => !p.baseline.passes && !p.candidate.passes).length,
      },
      level,
    );
    difference = {
      estimate: num(m.difference.estimate),
      low: num(m.difference.low),
      high: num(m.difference.high),
      method: 'newcombe-paired',
      n: usable.length,
    };
    test = {
      name: 'mcnemar-exact',
      pValue: num(m.pValue),
      adjustedPValue: null,
      table: {
        bothPass: m.table.bothPass,
        baselineOnly: m.table.firstOnly,
        candidateOnly: m.table.secondOnly,
        neither: m.table.neither,
      },
    };
    effectSize = { name: 'cohens-h', estimate: num(m.cohensH), low: null, high: null };
  } else {
    const b = pairedBootstrap(baseValues, candValues, {
      confidenceLevel: level,
      seed,
      nResamples: resamplesFor(usable.length),
    });
    const perm = pairedPermutationTest(baseValues, candValues, { seed });
    const dz = cohensDz(baseValues, candValues, level);
    difference = {
      estimate: num(b.estimate),
      low: num(b.low),
      high: num(b.high),
      method: `paired-bootstrap-${b.method}`,
      n: usable.length,
    };
    test = {
      name: 'paired-permutation',
      pValue: num(perm.pValue),
      adjustedPValue: null,
      table: null,
    };
    effectSize = {
      name: 'cohens-dz',
      estimate: num(dz.estimate),
      low: num(dz.low),
      high: num(dz.high),
    };
  }
  const unit = (i: ItemScore) => ({
    itemKey: i.itemKey,
    category: i.category,
    tags: i.tags,
    value: binary ? i.passShare : i.value,
    isPass: singleCell ? i.passes === 1 : null,
  });
  const changes = regressionsAndImprovements(
    usable.map((p) => ({
      itemKey: p.itemKey,
      baseline: unit(p.baseline),
      candidate: unit(p.candidate),
    })),
  );
  return {
    scorerKey: scorer.key,
    valueType: scorer.valueType,
    pairedItems: usable.length,
    baseline: estimateOf(usable.map((p) => p.baseline)),
    candidate: estimateOf(usable.map((p) => p.candidate)),
    difference,
    test,
    effectSize,
    regressionCount: changes.regressions.length,
    improvementCount: changes.improvements.length,
    regressions: changes.regressions
      .slice(0, listLimit)
      .map((c) => ({ itemKey: c.itemKey, baseline: num(c.baseline), candidate: num(c.candidate) })),
    improvements: changes.improvements
      .slice(0, listLimit)
      .map((c) => ({ itemKey: c.itemKey, baseline: num(c.baseline), candidate: num(c.candidate) })),
    warning: warningFor(usable.length),
    rawP: test.pValue,
  };
}

function p95(data: RunData, model: string, level: number): Estimate {
  const timings = data.cells
    .filter((c) => c.row.model_key === model && c.row.has_response === 1)
    .map((c) => c.timing);
  const s = latencySummary(timings, {
    confidenceLevel: level,
    seed: `${data.run.id}:${model}`,
    nResamples: timings.length > 10_000 ? 1000 : 2000,
  });
  return {
    estimate: num(s.p95.estimate),
    low: num(s.p95.low),
    high: num(s.p95.high),
    method: 'bootstrap-percentile',
    n: s.n,
  };
}

export function compareLoaded(base: RunData, cand: RunData, input: CompareInput): Comparison {
  const level = input.confidenceLevel ?? 0.95;
  const models: [string, string] = [
    pickModel(base, input.baselineModel, 'the baseline'),
    pickModel(cand, input.candidateModel, 'the candidate'),
  ];
  const shared = base.scorers.filter((s) =>
    cand.scorers.some((c) => c.key === s.key && c.type === s.type),
  );
  const compared = shared
    .map((s) => compareScorer(s, base, cand, models, level))
    .filter((c): c is NonNullable<typeof c> => c !== null);
  const adjusted = holmAdjust(compared.map((c) => c.rawP ?? 1));
  const scorers = compared.map(({ rawP: _rawP, ...c }, i) => ({
    ...c,
    test: { ...c.test, adjustedPValue: num(adjusted[i]) },
  }));
  const baseKeys = new Set(
    base.cells.filter((c) => c.row.model_key === models[0]).map((c) => c.row.item_key),
  );
  const candKeys = new Set(
    cand.cells.filter((c) => c.row.model_key === models[1]).map((c) => c.row.item_key),
  );
  return {
    baseline: { runId: base.run.id, runName: base.run.name, modelKey: models[0] },
    candidate: { runId: cand.run.id, runName: cand.run.name, modelKey: models[1] },
    confidenceLevel: level,
    scorers,
    latencyP95Ms: { baseline: p95(base, models[0], level), candidate: p95(cand, models[1], level) },
    unmatchedItems: {
      baselineOnly: [...baseKeys].filter((k) => !candKeys.has(k)).length,
      candidateOnly: [...candKeys].filter((k) => !baseKeys.has(k)).length,
    },
  };
}

export function compareRuns(ctx: Pick<CoreContext, 'db'>, input: CompareInput): Comparison {
  const base = loadRunData(ctx, input.baselineRunId);
  const cand =
    input.candidateRunId === input.baselineRunId ? base : loadRunData(ctx, input.candidateRunId);
  return compareLoaded(base, cand, input);
}
