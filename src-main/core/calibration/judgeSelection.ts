/**
 * Iterating on a judge: compare two versions of it against the same human labels, and pick
 * the cheapest candidate whose agreement reaches a target.
 */
import {
  bootstrapOverUnits,
  type BootstrapInterval,
  type BootstrapOptions,
} from '../agreement/bootstrap';
import { agreementWeights, kappaFromTable, type KappaWeighting } from '../agreement/cohen';
import type { IntervalEstimate, Rating } from '../agreement/types';
import { mcnemarExact } from '../stats/paired';
import { wilsonInterval } from '../stats/proportion';

export interface JudgeCandidate {
  id: string;
  /** Cost per judged item (any currency, the same for every candidate). */
  costPerItem: number;
  /** Agreement with people (rate or κ) with its interval. */
  agreement: { estimate: number; low: number; high: number };
}

export interface JudgeChoice {
  chosen: JudgeCandidate | null;
  /** 'lower-bound' (default): the interval's low end must reach the target; 'estimate': the point estimate. */
  criterion: 'lower-bound' | 'estimate';
  target: number;
  reason: string;
  candidates: (JudgeCandidate & { meetsTarget: boolean })[];
}

/**
 * The cheapest candidate that reaches `target` (ties in cost: the higher estimate). With the
 * default criterion a candidate qualifies only when its whole interval clears the target, so
 * a small calibration set cannot make a weak judge look good enough.
 */
export function pickCheapestJudge(
  candidates: readonly JudgeCandidate[],
  target: number,
  criterion: 'lower-bound' | 'estimate' = 'lower-bound',
): JudgeChoice {
  const marked = candidates
    .map((c) => ({
      ...c,
      meetsTarget: (criterion === 'lower-bound' ? c.agreement.low : c.agreement.estimate) >= target,
    }))
    .sort((a, b) => a.costPerItem - b.costPerItem || b.agreement.estimate - a.agreement.estimate);
  const chosen = marked.find((c) => c.meetsTarget) ?? null;
  const best = [...marked].sort((a, b) => b.agreement.estimate - a.agreement.estimate)[0];
  const reason = chosen
    ? `${chosen.id} is the cheapest whose ${criterion === 'lower-bound' ? 'interval lower bound' : 'estimate'} reaches ${target}`
    : `no candidate reaches ${target}${best ? `; the best is ${best.id} at ${best.agreement.estimate.toFixed(3)} [${best.agreement.low.toFixed(3)}, ${best.agreement.high.toFixed(3)}]` : ''}`;
  return {
    chosen: chosen
      ? { id: chosen.id, costPerItem: chosen.costPerItem, agreement: chosen.agreement }
      : null,
    criterion,
    target,
    reason,
    candidates: marked,
  };
}

export interface JudgeVersionComparison {
  items: number;
  before: { agreement: IntervalEstimate; kappa: number };
  after: { agreement: IntervalEstimate; kappa: number };
  /** After minus before agreement rate (Newcombe), with McNemar's exact p-value. */
  agreementChange: IntervalEstimate & { pValue: number };
  /** After minus before κ, paired bootstrap over items. */
  kappaChange: BootstrapInterval;
}

/**
 * Two versions of a judge on the same calibration items, against the same human labels
 * (`categories` is the full coded scale). Items missing any of the three labels are dropped.
 */
export function compareJudgeVersions(
  human: readonly Rating[],
  before: readonly Rating[],
  after: readonly Rating[],
  categories: readonly number[],
  options: {
    weighting?: KappaWeighting;
    confidenceLevel?: number;
    bootstrap?: BootstrapOptions;
  } = {},
): JudgeVersionComparison {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const position = new Map(categories.map((v, i) => [v, i]));
  const rows: [number, number, number][] = [];
  human.forEach((h, i) => {
    const b = before[i];
    const a = after[i];
    if (h === null || b === null || a === null || b === undefined || a === undefined) return;
    rows.push([position.get(h) as number, position.get(b) as number, position.get(a) as number]);
  });
  const k = categories.length;
  const w = agreementWeights(k, options.weighting ?? 'none');
  const tableBefore = new Float64Array(k * k);
  const tableAfter = new Float64Array(k * k);
  const kappas = (weights?: ArrayLike<number>) => {
    tableBefore.fill(0);
    tableAfter.fill(0);
    rows.forEach(([h, b, a], i) => {
      const weight = weights ? (weights[i] as number) : 1;
      tableBefore[h * k + b] = (tableBefore[h * k + b] as number) + weight;
      tableAfter[h * k + a] = (tableAfter[h * k + a] as number) + weight;
    });
    return [
      kappaFromTable(tableBefore, k, w).kappa,
      kappaFromTable(tableAfter, k, w).kappa,
    ] as const;
  };
  const [kappaBefore, kappaAfter] = kappas();
  const table = { bothPass: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (const [h, b, a] of rows) {
    if (h === b && h === a) table.bothPass++;
    else if (h === b) table.firstOnly++;
    else if (h === a) table.secondOnly++;
    else table.neither++;
  }
  const rate = (agree: number): IntervalEstimate => {
    const wi = wilsonInterval(agree, rows.length, { confidenceLevel });
    return { estimate: wi.estimate, low: wi.low, high: wi.high, confidenceLevel, method: 'wilson' };
  };
  const test = mcnemarExact(table, confidenceLevel);
  return {
    items: rows.length,
    before: { agreement: rate(table.bothPass + table.firstOnly), kappa: kappaBefore },
    after: { agreement: rate(table.bothPass + table.secondOnly), kappa: kappaAfter },
    agreementChange: {
      ...test.difference,
      confidenceLevel,
      method: 'newcombe (paired)',
      pValue: test.pValue,
    },
    kappaChange: bootstrapOverUnits(
      rows.length,
      kappaAfter - kappaBefore,
      (weights) => {
        const [b, a] = kappas(weights);
        return a - b;
      },
      { ...options.bootstrap, confidenceLevel },
    ),
  };
}
