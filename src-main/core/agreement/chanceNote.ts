import type { RaterPairReport } from './report';

/** Raw agreement at or above this, with κ this close to 0, needs the note below. */
const HIGH_AGREEMENT = 0.6;
const KAPPA_NEAR_ZERO = 0.2;

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))} %`;
}

/**
 * Plain-words notes for rater pairs whose raw agreement is high while Cohen's κ is near 0 —
 * what happens when nearly every label is the same answer. Unweighted κ only: there the raw
 * rate is κ's observed agreement, so chance agreement follows exactly, pe = (po − κ) / (1 − κ).
 */
export function chanceAgreementNotes(
  pairs: readonly RaterPairReport[],
  nameOf: (raterId: string) => string,
): string[] {
  const notes: string[] = [];
  for (const pair of pairs) {
    const po = pair.agreement.agreements / pair.agreement.total;
    const kappa = pair.cohen.kappa;
    if (pair.cohen.weighting !== 'none' || !Number.isFinite(kappa) || kappa >= 1) continue;
    if (po < HIGH_AGREEMENT || Math.abs(kappa) >= KAPPA_NEAR_ZERO) continue;
    const chance = (po - kappa) / (1 - kappa);
    const [a, b] = pair.raters.map(nameOf);
    notes.push(
      `${a} and ${b} agree ${percent(po)} of the time, yet κ is ${kappa.toFixed(3)}: κ corrects ` +
        `for agreement expected by chance, and because nearly every label is the same answer, ` +
        `chance alone would give ${percent(chance)} agreement.`,
    );
  }
  return notes;
}
