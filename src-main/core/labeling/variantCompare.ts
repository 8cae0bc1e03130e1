/**
 * Versions of a judge side by side on a session: each edited version against the original
 * scorer on the same items and the same human consensus (agreement change with Newcombe's
 * interval and McNemar's test, κ change by a paired bootstrap), and the cheapest candidate —
 * the original or a version — whose agreement reaches a target (by default its interval's lower
 * bound must), from core/calibration/judgeSelection.ts.
 */
import type { Measure, VariantComparison } from '@contract/routes/calibrationSchemas';
import { valueOf } from '../agreement/coding';
import { cohensKappa } from '../agreement/cohen';
import { agreementRate } from '../agreement/confusion';
import { compareJudgeVersions, pickCheapestJudge } from '../calibration/judgeSelection';
import type { CoreContext } from '../context';
import { calibrationData, codeSession, type CodedSession } from './calibrationData';
import { judgeVariantsRepo } from './repo';
import { finite, interval } from './serialise';

export interface VariantRequest {
  sessionId: string;
  runId: string;
  scorerKey: string;
  measure?: Measure | undefined;
  target: number;
  criterion: 'lower-bound' | 'estimate';
  confidenceLevel: number;
  resamples: number;
}

function costOf(session: CodedSession): number | null {
  const costs = session.coded
    .map((c) => c.task.reading?.costUsd ?? null)
    .filter((c): c is number => c !== null);
  return costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0) / costs.length;
}

export function compareVariants(ctx: CoreContext, request: VariantRequest): VariantComparison {
  const base = calibrationData(ctx, request);
  const baseCoded = codeSession(base);
  const human = baseCoded.coded.map((c) => c.human);
  const before = baseCoded.coded.map((c) => c.judge);
  const weighting = base.level === 'nominal' ? 'none' : 'quadratic';
  const { confidenceLevel } = request;
  const baseRate = agreementRate(human, before, confidenceLevel);
  const notes: string[] = [];
  const candidates = [
    {
      id: request.scorerKey,
      name: `${request.scorerKey} (as run)`,
      cost: costOf(baseCoded),
      agreement: baseRate,
    },
  ];
  const versions: VariantComparison['versions'] = [];
  for (const variant of judgeVariantsRepo(ctx).variants(
    request.sessionId,
    request.runId,
    request.scorerKey,
  )) {
    const data = calibrationData(ctx, { ...request, variantId: variant.id });
    const coded = codeSession(data);
    // On the original's coding, so a version that names sides in another order still lines up.
    const after = coded.coded.map((c) => {
      const label = c.task.judgeLabel;
      return label !== null && base.coding.labels.includes(label)
        ? valueOf(base.coding, label)
        : null;
    });
    const rate = agreementRate(human, after, confidenceLevel);
    candidates.push({ id: variant.id, name: variant.name, cost: costOf(coded), agreement: rate });
    if (variant.status !== 'completed')
      notes.push(
        `Version "${variant.name}" is ${variant.status}: it is compared on what it judged.`,
      );
    const both = human.filter(
      (h, i) => h !== null && before[i] !== null && after[i] !== null,
    ).length;
    if (both < 2) {
      notes.push(`Version "${variant.name}" shares fewer than 2 judged items with the original.`);
      continue;
    }
    const c = compareJudgeVersions(human, before, after, base.coding.values, {
      weighting,
      confidenceLevel,
      bootstrap: { resamples: request.resamples, seed: variant.id },
    });
    versions.push({
      variantId: variant.id,
      name: variant.name,
      items: c.items,
      before: { agreement: interval(c.before.agreement), kappa: finite(c.before.kappa) },
      after: { agreement: interval(c.after.agreement), kappa: finite(c.after.kappa) },
      agreementChange: { ...interval(c.agreementChange), pValue: finite(c.agreementChange.pValue) },
      kappaChange: interval(c.kappaChange),
    });
  }
  const priced = candidates.filter((c) => c.cost !== null && Number.isFinite(c.agreement.estimate));
  if (priced.length < candidates.length)
    notes.push('Candidates without a known judge cost are left out of the cheapest-judge choice.');
  const choice = pickCheapestJudge(
    priced.map((c) => ({
      id: c.id,
      costPerItem: c.cost as number,
      agreement: { estimate: c.agreement.estimate, low: c.agreement.low, high: c.agreement.high },
    })),
    request.target,
    request.criterion,
  );
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  return {
    sessionId: request.sessionId,
    runId: request.runId,
    scorerKey: request.scorerKey,
    measure: base.measure,
    base: {
      agreement: interval(baseRate),
      kappa: finite(
        cohensKappa(human, before, { weighting, categories: base.coding.values }).kappa,
      ),
      n: baseRate.total,
    },
    versions,
    cheapest: {
      target: request.target,
      criterion: request.criterion,
      chosen: choice.chosen ? nameOf(choice.chosen.id) : null,
      reason: choice.reason.replaceAll(/jv_[0-9a-z]+/g, (id) => `"${nameOf(id)}"`),
      candidates: candidates.map((c) => ({
        id: c.id,
        name: c.name,
        costPerItemUsd: c.cost,
        agreement: interval(c.agreement),
        meetsTarget: choice.candidates.find((x) => x.id === c.id)?.meetsTarget ?? false,
      })),
    },
    notes,
  };
}
