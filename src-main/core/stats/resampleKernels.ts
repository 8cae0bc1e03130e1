/**
 * The inner loops of the bootstrap and of the sign-flip permutation test. Two exact ways to
 * draw the replicates of a mean:
 * - direct: n uniform indices per resample (xoshiro128** inlined, Lemire's unbiased range
 *   reduction) — cost O(n) per resample;
 * - multinomial: when the values take few distinct values (pass/fail, rubric scores, their
 *   paired differences), the resample is fully described by how many times each distinct value
 *   was drawn, a Multinomial(n; w₁/n, …) vector drawn by conditional binomials — cost O(K).
 * Both draw from exactly the same distribution; they use different random streams. The direct
 * kernel runs as WebAssembly where available (resampleWasm.ts), with bit-identical replicates.
 */
import { sampleBinomial } from './binomial';
import { createRandom, type Random } from './random';
import { wasmDirectMeanKernel } from './resampleWasm';

/** Resamples are drawn in chunks with their own seeds, so threads can split them reproducibly. */
export const resampleChunkSize = 500;

/** The seed of each chunk of `nResamples`, derived from one user seed. */
export function chunkSeeds(seed: number | string, nResamples: number): number[] {
  const base = createRandom(seed);
  const count = Math.ceil(nResamples / resampleChunkSize);
  return Array.from({ length: count }, () => base.int(4294967296));
}

export interface DistinctValues {
  values: Float64Array;
  counts: Float64Array;
}

/** The distinct values and their counts, or null when there are more than `limit`. */
export function distinctValues(data: ArrayLike<number>, limit: number): DistinctValues | null {
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (counts.size > limit) return null;
  }
  const entries = [...counts.entries()].sort((x, y) => y[1] - x[1]);
  return {
    values: Float64Array.from(entries, (e) => e[0]),
    counts: Float64Array.from(entries, (e) => e[1]),
  };
}

/** Whether the multinomial kernel is cheaper than direct indexing for this many items. */
export function multinomialLimit(n: number): number {
  return Math.min(4096, Math.max(8, Math.floor(n / 32)));
}

/** The xoshiro128** state (a, b, c, d) the direct kernels start a chunk from. */
export function directGeneratorState(chunkSeed: number): Int32Array {
  const seeder = createRandom(chunkSeed);
  const state = Int32Array.from({ length: 4 }, () => seeder.int(4294967296) | 0);
  if (
    ((state[0] as number) | (state[1] as number) | (state[2] as number) | (state[3] as number)) ===
    0
  )
    state[0] = 1;
  return state;
}

/**
 * Replicates of the mean by direct index resampling, for `count` resamples of one chunk. The
 * reference implementation: `resampleWasm.ts` computes the same replicates, faster.
 */
export function meanReplicatesDirect(
  data: Float64Array,
  chunkSeed: number,
  count: number,
  out: Float64Array,
  offset: number,
): void {
  const n = data.length;
  const state = directGeneratorState(chunkSeed);
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  // Lemire's range reduction: index = ⌊result·n / 2³²⌋ (exact in doubles: result·n < 2⁴⁹),
  // unbiased once the draws whose low word (result·n mod 2³², an integer multiply) falls under
  // 2³² mod n are rejected — probability < n / 2³².
  const scale = n / 4294967296;
  const threshold = (4294967296 - n) % n;
  for (let r = 0; r < count; r++) {
    let total = 0;
    let i = 0;
    while (i < n) {
      // xoshiro128** step (the same generator as random.ts), inlined for speed.
      const x = Math.imul(b, 5);
      const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      if (Math.imul(result, n) >>> 0 >= threshold) {
        total += data[(result * scale) | 0] as number;
        i++;
      }
    }
    out[offset + r] = total / n;
  }
}

/** Replicates of the mean by multinomial counts over the distinct values. */
export function meanReplicatesMultinomial(
  distinct: DistinctValues,
  n: number,
  chunkSeed: number,
  count: number,
  out: Float64Array,
  offset: number,
): void {
  const random = createRandom(chunkSeed);
  const { values, counts } = distinct;
  const k = values.length;
  for (let r = 0; r < count; r++) {
    let remaining = n;
    let remainingWeight = n;
    let total = 0;
    for (let j = 0; j < k && remaining > 0; j++) {
      const weight = counts[j] as number;
      const drawn =
        j === k - 1 ? remaining : sampleBinomial(random, remaining, weight / remainingWeight);
      total += drawn * (values[j] as number);
      remaining -= drawn;
      remainingWeight -= weight;
    }
    out[offset + r] = total / n;
  }
}

/** Fills all replicates of the mean of `data` for the given chunk seeds (one thread's share). */
export function meanReplicates(
  data: Float64Array,
  seeds: readonly number[],
  nResamples: number,
  firstChunk = 0,
  lastChunk = seeds.length,
): Float64Array {
  const distinct = distinctValues(data, multinomialLimit(data.length));
  const start = firstChunk * resampleChunkSize;
  const end = Math.min(nResamples, lastChunk * resampleChunkSize);
  const out = new Float64Array(Math.max(0, end - start));
  const wasm = distinct ? null : wasmDirectMeanKernel(data);
  for (let chunk = firstChunk; chunk < lastChunk; chunk++) {
    const from = chunk * resampleChunkSize;
    const count = Math.min(resampleChunkSize, nResamples - from);
    if (count <= 0) break;
    const seed = seeds[chunk] as number;
    if (distinct) meanReplicatesMultinomial(distinct, data.length, seed, count, out, from - start);
    else if (wasm) wasm(directGeneratorState(seed), count, out, from - start);
    else meanReplicatesDirect(data, seed, count, out, from - start);
  }
  return out;
}

/**
 * Null distribution of mean(d) under random sign flips (the paired permutation test), drawn by
 * binomial counts of positive signs per distinct |d| — exact, and O(K) per resample.
 */
export function signFlipMeans(
  differences: Float64Array,
  random: Random,
  nResamples: number,
): Float64Array {
  const magnitudes = new Map<number, number>();
  for (const d of differences)
    if (d !== 0) magnitudes.set(Math.abs(d), (magnitudes.get(Math.abs(d)) ?? 0) + 1);
  const values = [...magnitudes.keys()];
  const counts = values.map((v) => magnitudes.get(v) as number);
  const n = differences.length;
  const out = new Float64Array(nResamples);
  for (let r = 0; r < nResamples; r++) {
    let total = 0;
    for (let j = 0; j < values.length; j++) {
      const m = counts[j] as number;
      const positives = sampleBinomial(random, m, 0.5);
      total += (values[j] as number) * (2 * positives - m);
    }
    out[r] = total / n;
  }
  return out;
}
