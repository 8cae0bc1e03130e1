/**
 * Variance across prompt templates (prompt sensitivity) and across repeats (run-to-run noise).
 * Both are computed per item first, so that differences between items do not masquerade as
 * sensitivity: the per-item spread is averaged over items.
 */
import { mean, variance } from './descriptive';

export interface Observation {
  itemKey: string;
  promptKey: string;
  repeat: number;
  value: number;
}

export interface PromptSensitivity {
  /** Mean score per prompt template. */
  perPrompt: Array<{ promptKey: string; n: number; mean: number }>;
  /** Best minus worst prompt mean. */
  range: number;
  /** Mean over items of the standard deviation of the item's score across prompts. */
  meanItemStdAcrossPrompts: number;
  /** Share of items whose (repeat-averaged) score is not the same under every prompt. */
  itemsChangedByPrompt: number;
}

export interface RepeatVariance {
  /** Mean over (item, prompt) of the variance across repeats. */
  meanWithinVariance: number;
  /** Share of (item, prompt) cells whose repeats did not all give the same score. */
  unstableShare: number;
  cells: number;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k) ?? [];
    list.push(row);
    map.set(k, list);
  }
  return map;
}

export function promptSensitivity(observations: readonly Observation[]): PromptSensitivity {
  const perPrompt = [...groupBy(observations, (o) => o.promptKey).entries()]
    .map(([promptKey, rows]) => ({
      promptKey,
      n: rows.length,
      mean: mean(rows.map((r) => r.value)),
    }))
    .sort((a, b) => a.promptKey.localeCompare(b.promptKey));
  const means = perPrompt.map((p) => p.mean);
  const stds: number[] = [];
  let changed = 0;
  for (const rows of groupBy(observations, (o) => o.itemKey).values()) {
    const byPrompt = [...groupBy(rows, (r) => r.promptKey).values()].map((list) =>
      mean(list.map((r) => r.value)),
    );
    if (byPrompt.length < 2) continue;
    stds.push(Math.sqrt(variance(byPrompt)));
    if (Math.max(...byPrompt) !== Math.min(...byPrompt)) changed++;
  }
  return {
    perPrompt,
    range: means.length ? Math.max(...means) - Math.min(...means) : NaN,
    meanItemStdAcrossPrompts: stds.length ? mean(stds) : NaN,
    itemsChangedByPrompt: stds.length ? changed / stds.length : NaN,
  };
}

export function repeatVariance(observations: readonly Observation[]): RepeatVariance {
  const variances: number[] = [];
  let unstable = 0;
  for (const rows of groupBy(observations, (o) => `${o.itemKey}\u0000${o.promptKey}`).values()) {
    if (rows.length < 2) continue;
    const values = rows.map((r) => r.value);
    variances.push(variance(values));
    if (Math.max(...values) !== Math.min(...values)) unstable++;
  }
  return {
    meanWithinVariance: variances.length ? mean(variances) : NaN,
    unstableShare: variances.length ? unstable / variances.length : NaN,
    cells: variances.length,
  };
}
