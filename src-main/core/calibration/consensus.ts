/**
 * One human reference per item from several raters: the unique most frequent label
 * (majority; items where the top labels tie have no consensus), the median (ordered scales;
 * the lower median for an even count, so the result is always a scale point), or the mean
 * (interval data).
 */
import type { RatingMatrix } from '../agreement/types';

export type ConsensusMethod = 'majority' | 'median' | 'mean';

export interface Consensus {
  unitIds: readonly string[];
  /** The consensus value per unit, or null when the raters gave none or tied. */
  values: (number | null)[];
  /** Units with ratings but no consensus (a tie for the most frequent label). */
  unresolved: number;
}

export function humanConsensus(
  matrix: RatingMatrix,
  method: ConsensusMethod = 'majority',
): Consensus {
  let unresolved = 0;
  const values = matrix.values.map((row) => {
    const present = row.filter((v): v is number => v !== null);
    if (present.length === 0) return null;
    if (method === 'mean') return present.reduce((a, b) => a + b, 0) / present.length;
    if (method === 'median') {
      const sorted = [...present].sort((a, b) => a - b);
      return sorted[Math.floor((sorted.length - 1) / 2)] as number;
    }
    const counts = new Map<number, number>();
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const winners = [...counts].filter(([, c]) => c === top);
    if (winners.length > 1) {
      unresolved++;
      return null;
    }
    return (winners[0] as [number, number])[0];
  });
  return { unitIds: matrix.unitIds, values, unresolved };
}
