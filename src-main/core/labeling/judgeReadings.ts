/**
 * A judge's verdict on each cell, read from the scoring domain's stored scores (the automated
 * value: an override is a person, not the judge) or from an edited judge version's scores: value, pass/fail, cost, the reasoning,
 * and — for pairwise judges — the other cell it was compared with and each judge's verdict in
 * both orders (in shown positions, A = shown first).
 */
import { parsePairwiseVerdict, type PairwiseVerdict } from '../calibration/pairwise';
import type { CoreContext } from '../context';
import type { JudgeVariantsRepo } from '../db/repos/judgeVariants';
import { ScoringRepo } from '../scoring/repo';
import { parseDetails } from './runScorers';

export interface OrderVerdicts {
  judge: string;
  candidateFirst: PairwiseVerdict | null;
  baselineFirst: PairwiseVerdict | null;
}

export interface JudgeReading {
  cellId: string;
  value: number | null;
  isPass: boolean | null;
  reasoning: string | null;
  costUsd: number | null;
  error: string | null;
  baselineCellId: string | null;
  orders: OrderVerdicts[];
}

type Entry = Record<string, unknown>;

function entries(value: unknown): Entry[] {
  return Array.isArray(value)
    ? value.filter((e): e is Entry => typeof e === 'object' && e !== null)
    : [];
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function readingOf(row: {
  cellId: string;
  value: number | null;
  isPass: boolean | null;
  details: string;
  costUsd: number | null;
  error: string | null;
}): JudgeReading {
  const details = parseDetails(row.details);
  const judges = entries(details.judges);
  const reasons: string[] = [];
  const orders: OrderVerdicts[] = [];
  for (const judge of judges) {
    const name = text(judge.judge) ?? 'judge';
    const perOrder = entries(judge.orders);
    if (perOrder.length === 0) {
      const reason = text(judge.reasoning);
      if (reason) reasons.push(judges.length > 1 ? `${name}: ${reason}` : reason);
      continue;
    }
    const verdict = (order: string) => {
      const found = perOrder.find((o) => o.order === order);
      return typeof found?.winner === 'string' ? parsePairwiseVerdict(found.winner) : null;
    };
    orders.push({
      judge: name,
      candidateFirst: verdict('candidate-first'),
      baselineFirst: verdict('baseline-first'),
    });
    for (const o of perOrder) {
      const reason = text(o.reasoning);
      if (reason) reasons.push(`${name} (${String(o.order)}): ${reason}`);
    }
  }
  return {
    cellId: row.cellId,
    value: row.value,
    isPass: row.isPass,
    reasoning: reasons.length > 0 ? reasons.join('\n') : null,
    costUsd: row.costUsd,
    error: row.error,
    baselineCellId: typeof details.baselineCellId === 'string' ? details.baselineCellId : null,
    orders,
  };
}

export function readingsFromScores(
  ctx: CoreContext,
  runId: string,
  scorerKey: string,
): Map<string, JudgeReading> {
  const out = new Map<string, JudgeReading>();
  for (const s of new ScoringRepo(ctx.db).effectiveScores(runId)) {
    if (s.scorer_key !== scorerKey) continue;
    out.set(
      s.cell_id,
      readingOf({
        cellId: s.cell_id,
        // The judge's own verdict: a person's override of it is not the judge.
        value: s.automated_value,
        isPass: s.automated_is_pass === null ? null : s.automated_is_pass === 1,
        details: s.details,
        costUsd: s.cost_usd,
        error: s.error,
      }),
    );
  }
  return out;
}

export function readingsFromVariant(
  repo: JudgeVariantsRepo,
  variantId: string,
): Map<string, JudgeReading> {
  return new Map(
    repo.variantScores(variantId).map((s) => [
      s.cell_id,
      readingOf({
        cellId: s.cell_id,
        value: s.value,
        isPass: s.is_pass === null ? null : s.is_pass === 1,
        details: s.details,
        costUsd: s.cost_usd,
        error: s.error,
      }),
    ]),
  );
}
