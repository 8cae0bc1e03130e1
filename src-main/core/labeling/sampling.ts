/**
 * Which units (outputs, or pairs of outputs) a session asks about. Pure functions of the
 * units, their signals and a seeded random stream, so the same seed draws the same sample.
 *
 * - all: every unit; random: n drawn uniformly without replacement;
 * - stratified: n spread over categories, proportionally to their size (largest remainder)
 *   or equally, never more than a category holds (the rest goes to the others);
 * - judge-disagreement / judge-uncertainty / model-disagreement: weighted sampling without
 *   replacement (Efraimidis & Spirakis 2006, key u^(1/w)) with w = 1 + (factor − 1)·signal,
 *   signal in [0, 1]: a fully flagged unit is `factor` times as likely to be drawn first.
 */
import type { Sampling } from '@contract/routes/labelingSchemas';
import { shuffled, type Random } from '../stats/random';

export interface Sampleable {
  category: string | null;
  /** The strategy's signal in [0, 1] (ignored by all, random, stratified). */
  signal: number;
}

/** Splits `n` over groups of the given sizes: proportional (largest remainder) or equal, capped. */
export function allocate(sizes: readonly number[], n: number, equal: boolean): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.min(n, total);
  const out = sizes.map(() => 0);
  let left = target;
  // Repeatedly share what is left among groups that still have room.
  while (left > 0) {
    const open = sizes.map((s, i) => i).filter((i) => (out[i] as number) < (sizes[i] as number));
    const room = open.reduce((sum, i) => sum + (sizes[i] as number) - (out[i] as number), 0);
    const shares = open.map((i) => {
      const weight = equal ? 1 / open.length : ((sizes[i] as number) - (out[i] as number)) / room;
      return { i, exact: left * weight };
    });
    let given = 0;
    for (const s of shares) {
      const cap = (sizes[s.i] as number) - (out[s.i] as number);
      const whole = Math.min(cap, Math.floor(s.exact));
      out[s.i] = (out[s.i] as number) + whole;
      given += whole;
    }
    let rest = left - given;
    // Largest remainders first; ties by group order (stable).
    const byRemainder = [...shares].sort(
      (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i,
    );
    for (const s of byRemainder) {
      if (rest === 0) break;
      if ((out[s.i] as number) < (sizes[s.i] as number)) {
        out[s.i] = (out[s.i] as number) + 1;
        rest--;
      }
    }
    left = rest;
  }
  return out;
}

/** Efraimidis–Spirakis weighted sampling without replacement. */
export function weightedSample<T>(
  units: readonly T[],
  n: number,
  weight: (unit: T) => number,
  random: Random,
): T[] {
  const keyed = units.map((unit) => {
    const w = Math.max(weight(unit), 1e-9);
    // 1 − next() is in (0, 1], so the key is never 0 for a positive weight.
    return { unit, key: Math.log(1 - random.next()) / w };
  });
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, n).map((k) => k.unit);
}

export function sampleUnits<T extends Sampleable>(
  units: readonly T[],
  sampling: Sampling,
  random: Random,
): T[] {
  if (sampling.strategy === 'all' || sampling.n >= units.length) return [...units];
  if (sampling.strategy === 'random') return shuffled(units, random).slice(0, sampling.n);
  if (sampling.strategy === 'stratified') {
    const groups = new Map<string, T[]>();
    for (const unit of units) {
      const key = unit.category ?? '\u0000none';
      groups.set(key, [...(groups.get(key) ?? []), unit]);
    }
    const names = [...groups.keys()].sort();
    const counts = allocate(
      names.map((name) => (groups.get(name) as T[]).length),
      sampling.n,
      sampling.allocation === 'equal',
    );
    return names.flatMap((name, i) =>
      shuffled(groups.get(name) as T[], random).slice(0, counts[i] as number),
    );
  }
  const factor = sampling.factor;
  return weightedSample(units, sampling.n, (u) => 1 + (factor - 1) * u.signal, random);
}
