/**
 * Signals in [0, 1] that oversampling strategies weigh units by, computed from a run's stored
 * scores:
 * - judge disagreement: a judge panel whose scores differ (spread over the scale), a pairwise
 *   judge whose verdict changed with the order, or two judge scorers whose pass/fail differ;
 * - judge uncertainty: a rubric score within a quarter of the scale (at least one point) of the
 *   pass mark (or of the middle of the scale without one), a pairwise outcome near ½ (a tie or an order-dependent verdict), a failed judging;
 * - model disagreement: per item (and prompt and repeat), the models' pass/fail differ (1) or
 *   their values spread (the spread over the scorer's range in the run).
 */
import type { EffectiveScoreRow } from '../scoring/repo';
import type { ResolvedScorer } from '../scoring/specs';
import { isJudgeScorer, parseDetails } from './runScorers';

type Scores = ReadonlyMap<string, EffectiveScoreRow>;

interface RubricParams {
  scale?: { min: number; max: number };
  passAt?: number;
}

function numbers(values: unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function judgeEntries(row: EffectiveScoreRow): Record<string, unknown>[] {
  const judges = parseDetails(row.details).judges;
  return Array.isArray(judges)
    ? judges.filter((j): j is Record<string, unknown> => typeof j === 'object' && j !== null)
    : [];
}

function scaleOf(scorer: ResolvedScorer | undefined): { min: number; max: number } {
  const params = (scorer?.params ?? {}) as RubricParams;
  return params.scale ?? { min: 1, max: 5 };
}

function panelDisagreement(row: EffectiveScoreRow, scorer: ResolvedScorer | undefined): number {
  const judges = judgeEntries(row);
  if (row.scorer_id === 'judge-pairwise') {
    if (judges.some((j) => j.isPositionConsistent === false)) return 1;
    const outcomes = numbers(judges.map((j) => j.outcome));
    return outcomes.length > 1 ? Math.max(...outcomes) - Math.min(...outcomes) : 0;
  }
  const scores = numbers(judges.map((j) => j.score));
  if (scores.length < 2) return 0;
  const { min, max } = scaleOf(scorer);
  return Math.min(1, (Math.max(...scores) - Math.min(...scores)) / Math.max(1, max - min));
}

function uncertainty(row: EffectiveScoreRow, scorer: ResolvedScorer | undefined): number {
  if (row.value === null) return 1;
  if (row.scorer_id === 'judge-pairwise') return 1 - Math.abs(2 * row.value - 1);
  const { min, max } = scaleOf(scorer);
  const passAt = ((scorer?.params ?? {}) as RubricParams).passAt;
  // The boundary between failing and passing scores: half a point below the pass mark.
  const boundary = passAt === undefined ? (min + max) / 2 : passAt - 0.5;
  // Within about a quarter of the scale (at least one point) of the boundary counts as unsure.
  const width = Math.max(1, (max - min) / 4);
  return Math.max(0, 1 - Math.abs(row.value - boundary) / width);
}

function judgeRows(scores: Scores | undefined, keys: readonly string[] | undefined) {
  return [...(scores?.values() ?? [])].filter(
    (row) => isJudgeScorer(row.scorer_id) && (!keys || keys.includes(row.scorer_key)),
  );
}

export function judgeDisagreementSignal(
  scores: Scores | undefined,
  scorers: ReadonlyMap<string, ResolvedScorer>,
  keys?: readonly string[],
): number {
  const rows = judgeRows(scores, keys);
  let signal = 0;
  for (const row of rows)
    signal = Math.max(signal, panelDisagreement(row, scorers.get(row.scorer_key)));
  const verdicts = new Set(rows.map((r) => r.is_pass).filter((p) => p !== null));
  if (verdicts.size > 1) signal = 1;
  return signal;
}

export function judgeUncertaintySignal(
  scores: Scores | undefined,
  scorers: ReadonlyMap<string, ResolvedScorer>,
  keys?: readonly string[],
): number {
  let signal = 0;
  for (const row of judgeRows(scores, keys))
    signal = Math.max(signal, uncertainty(row, scorers.get(row.scorer_key)));
  return signal;
}

/**
 * Per group of cells (the models' answers to one item, prompt and repeat): how much the
 * models' scores disagree. `groups` maps a group key to its cells' scores.
 */
export function modelDisagreementSignals(
  groups: ReadonlyMap<string, readonly (Scores | undefined)[]>,
  keys?: readonly string[],
): Map<string, number> {
  const range = new Map<string, { min: number; max: number }>();
  for (const cells of groups.values())
    for (const scores of cells)
      for (const row of scores?.values() ?? []) {
        if (row.value === null) continue;
        const r = range.get(row.scorer_key) ?? { min: row.value, max: row.value };
        range.set(row.scorer_key, {
          min: Math.min(r.min, row.value),
          max: Math.max(r.max, row.value),
        });
      }
  const out = new Map<string, number>();
  for (const [group, cells] of groups) {
    const byScorer = new Map<string, EffectiveScoreRow[]>();
    for (const scores of cells)
      for (const row of scores?.values() ?? []) {
        if (keys && !keys.includes(row.scorer_key)) continue;
        byScorer.set(row.scorer_key, [...(byScorer.get(row.scorer_key) ?? []), row]);
      }
    let signal = 0;
    for (const [key, rows] of byScorer) {
      if (rows.length < 2) continue;
      const passes = new Set(rows.map((r) => r.is_pass).filter((p) => p !== null));
      if (passes.size > 1) {
        signal = 1;
        break;
      }
      const values = numbers(rows.map((r) => r.value));
      const span = range.get(key);
      if (values.length > 1 && span && span.max > span.min)
        signal = Math.max(
          signal,
          (Math.max(...values) - Math.min(...values)) / (span.max - span.min),
        );
    }
    out.set(group, signal);
  }
  return out;
}
