import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, sampleUnits, weightedSample } from '@core/labeling/sampling';
import { createRandom } from '@core/stats/random';

interface Unit {
  id: number;
  category: string | null;
  signal: number;
}

const units = (n: number, categories: (string | null)[], signal = (i: number) => 0 * i): Unit[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    category: categories[i % categories.length] ?? null,
    signal: signal(i),
  }));

describe('allocation over strata', () => {
  it('splits proportionally by largest remainder', () => {
    expect(allocate([50, 30, 20], 10, false)).toEqual([5, 3, 2]);
    expect(allocate([5, 3, 2], 4, false)).toEqual([2, 1, 1]);
  });

  it('splits equally, giving what a small stratum cannot take to the others', () => {
    expect(allocate([100, 100, 2], 30, true)).toEqual([14, 14, 2]);
    expect(allocate([3, 3, 3], 100, true)).toEqual([3, 3, 3]);
  });

  it('never exceeds a stratum and always gives min(n, total)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        fc.boolean(),
        (sizes, n, equal) => {
          const out = allocate(sizes, n, equal);
          const total = sizes.reduce((a, b) => a + b, 0);
          expect(out.reduce((a, b) => a + b, 0)).toBe(Math.min(n, total));
          out.forEach((k, i) => expect(k).toBeLessThanOrEqual(sizes[i] as number));
        },
      ),
    );
  });
});

describe('sampling strategies', () => {
  it('all and random: everything, or n distinct units, the same for the same seed', () => {
    const pool = units(100, [null]);
    expect(sampleUnits(pool, { strategy: 'all' }, createRandom(1))).toHaveLength(100);
    const a = sampleUnits(pool, { strategy: 'random', n: 20 }, createRandom('s'));
    const b = sampleUnits(pool, { strategy: 'random', n: 20 }, createRandom('s'));
    expect(a.map((u) => u.id)).toEqual(b.map((u) => u.id));
    expect(new Set(a.map((u) => u.id)).size).toBe(20);
    expect(sampleUnits(pool, { strategy: 'random', n: 500 }, createRandom(1))).toHaveLength(100);
  });

  it('stratified: every category gets its share', () => {
    const pool = units(120, ['billing', 'billing', 'sync', null]);
    const equal = sampleUnits(
      pool,
      { strategy: 'stratified', n: 30, allocation: 'equal' },
      createRandom(2),
    );
    const count = (sample: Unit[], c: string | null) =>
      sample.filter((u) => u.category === c).length;
    expect([count(equal, 'billing'), count(equal, 'sync'), count(equal, null)]).toEqual([
      10, 10, 10,
    ]);
    const proportional = sampleUnits(
      pool,
      { strategy: 'stratified', n: 40, allocation: 'proportional' },
      createRandom(2),
    );
    expect([
      count(proportional, 'billing'),
      count(proportional, 'sync'),
      count(proportional, null),
    ]).toEqual([20, 10, 10]);
  });

  it('oversamples flagged units by about the factor', () => {
    // 100 flagged and 900 unflagged; draw 50 with factor 5, many times.
    const pool = units(1000, [null], (i) => (i < 100 ? 1 : 0));
    let flagged = 0;
    const draws = 200;
    for (let d = 0; d < draws; d++) {
      const sample = sampleUnits(
        pool,
        { strategy: 'judge-disagreement', n: 50, factor: 5 },
        createRandom(`draw-${d}`),
      );
      flagged += sample.filter((u) => u.signal === 1).length;
    }
    const share = flagged / (draws * 50);
    // Uniform sampling gives 10%; weights 5:1 give 500/1400 ≈ 36% for small samples.
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.42);
  });

  it('weighted sampling with equal weights is uniform without replacement', () => {
    const pool = Array.from({ length: 10 }, (_, i) => i);
    const hits = new Array<number>(10).fill(0);
    for (let d = 0; d < 2000; d++)
      for (const i of weightedSample(pool, 3, () => 1, createRandom(d))) hits[i]!++;
    for (const h of hits) expect(h / 2000).toBeCloseTo(0.3, 1);
  });
});
