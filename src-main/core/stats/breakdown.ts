/**
 * Per-category and per-tag breakdowns with small-sample warnings, and the lists of items a
 * candidate newly fails (regressions) or newly passes (improvements) against a baseline.
 */
import { bootstrapMean, type BootstrapOptions } from './bootstrap';
import { wilsonInterval } from './proportion';

export interface ScoredUnit {
  /** Item key (the unit of analysis). */
  itemKey: string;
  category: string | null;
  tags: readonly string[];
  value: number | null;
  isPass: boolean | null;
}

export interface GroupEstimate {
  group: string;
  n: number;
  estimate: number;
  low: number;
  high: number;
  /** Present when the group is too small for its interval to support a conclusion. */
  warning: string | null;
}

/** Below this many items a group's interval is flagged as wide; below the second, as unusable. */
export const smallSampleWarningAt = 30;
export const tooFewAt = 10;

export function smallSampleWarning(n: number): string | null {
  if (n === 0) return 'no item has a score';
  if (n < tooFewAt) return `only ${n} items: too few to conclude anything about this group`;
  if (n < smallSampleWarningAt) return `only ${n} items: the interval is wide, read it with care`;
  return null;
}

/** Estimate of one group: Wilson for pass/fail, bootstrap (BCa) for continuous values. */
export function estimateGroup(
  group: string,
  units: readonly ScoredUnit[],
  binary: boolean,
  options: BootstrapOptions = {},
): GroupEstimate {
  if (binary) {
    const judged = units.filter((u) => u.isPass !== null);
    const w = wilsonInterval(judged.filter((u) => u.isPass).length, judged.length, options);
    return {
      group,
      n: judged.length,
      estimate: w.estimate,
      low: w.low,
      high: w.high,
      warning: smallSampleWarning(judged.length),
    };
  }
  const values = units.map((u) => u.value).filter((v): v is number => v !== null);
  const b = bootstrapMean(values, { nResamples: 2000, ...options });
  return {
    group,
    n: values.length,
    estimate: b.estimate,
    low: b.low,
    high: b.high,
    warning: smallSampleWarning(values.length),
  };
}

/**
 * Units grouped by category (none: "(none)") or by tag (a unit in each of its tags; none:
 * "(untagged)"), groups in name order.
 */
export function groupUnits<T extends { category: string | null; tags: readonly string[] }>(
  units: readonly T[],
  by: 'category' | 'tag',
): [string, T[]][] {
  const groups = new Map<string, T[]>();
  const add = (key: string, unit: T) => {
    const list = groups.get(key);
    if (list) list.push(unit);
    else groups.set(key, [unit]);
  };
  for (const unit of units) {
    if (by === 'category') add(unit.category ?? '(none)', unit);
    else for (const tag of unit.tags.length ? unit.tags : ['(untagged)']) add(tag, unit);
  }
  return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

export function breakdown(
  units: readonly ScoredUnit[],
  by: 'category' | 'tag',
  binary: boolean,
  options: BootstrapOptions = {},
): GroupEstimate[] {
  return groupUnits(units, by).map(([group, list]) => estimateGroup(group, list, binary, options));
}

export interface ItemChange {
  itemKey: string;
  baseline: number | null;
  candidate: number | null;
}

/**
 * Regressions: items the baseline passed and the candidate fails. Improvements: the reverse.
 * For continuous scores (no pass/fail), a change larger than `minDelta` in either direction.
 */
export function regressionsAndImprovements(
  pairs: ReadonlyArray<{ itemKey: string; baseline: ScoredUnit; candidate: ScoredUnit }>,
  minDelta = 0,
): { regressions: ItemChange[]; improvements: ItemChange[] } {
  const regressions: ItemChange[] = [];
  const improvements: ItemChange[] = [];
  for (const { itemKey, baseline, candidate } of pairs) {
    const change = { itemKey, baseline: baseline.value, candidate: candidate.value };
    if (baseline.isPass !== null && candidate.isPass !== null) {
      if (baseline.isPass && !candidate.isPass) regressions.push(change);
      else if (!baseline.isPass && candidate.isPass) improvements.push(change);
    } else if (baseline.value !== null && candidate.value !== null) {
      const delta = candidate.value - baseline.value;
      if (delta < -minDelta) regressions.push(change);
      else if (delta > minDelta) improvements.push(change);
    }
  }
  return { regressions, improvements };
}
