/** Combining several judges' verdicts on one cell: mean, majority (mode) or min. */

export type JudgeAggregation = 'mean' | 'majority' | 'min';

export function aggregateScores(scores: readonly number[], how: JudgeAggregation): number | null {
  if (scores.length === 0) return null;
  if (how === 'mean') return scores.reduce((a, b) => a + b, 0) / scores.length;
  if (how === 'min') return Math.min(...scores);
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const modes = [...counts.entries()].filter(([, c]) => c === top).map(([s]) => s);
  // No strict majority among the judges: the conservative (lower) of the tied modes.
  return Math.min(...modes);
}
