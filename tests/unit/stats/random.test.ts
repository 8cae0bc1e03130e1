import { describe, expect, it } from 'vitest';
import { quantile } from '@core/stats/descriptive';
import { createRandom, shuffled } from '@core/stats/random';

describe('seeded random numbers', () => {
  it('repeat exactly for the same seed and differ for another', () => {
    const a = Array.from({ length: 5 }, createRandom(42).next);
    const draw = createRandom(42);
    expect(Array.from({ length: 5 }, () => draw.next())).toEqual(a);
    const other = createRandom(43);
    expect(Array.from({ length: 5 }, () => other.next())).not.toEqual(a);
  });

  it('are uniform enough for resampling (mean, quartiles, every index drawn)', () => {
    const random = createRandom('run_01');
    const draws = Array.from({ length: 100_000 }, () => random.next());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(quantile(draws, 0.5)).toBeCloseTo(0.5, 2);
    expect(quantile(draws, 0.25)).toBeCloseTo(0.25, 2);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[random.int(10)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(900);
    expect(Math.max(...counts)).toBeLessThan(1100);
  });

  it('shuffles a copy into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items, createRandom(7));
    expect(out).not.toEqual(items);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('quantile', () => {
  it('matches NumPy/SciPy linear interpolation (type 7)', () => {
    // numpy.quantile([1, 2, 4, 7, 11], [0.1, 0.5, 0.95]) == [1.4, 4.0, 10.2]
    expect(quantile([7, 1, 11, 2, 4], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile([7, 1, 11, 2, 4], 0.5)).toBe(4);
    expect(quantile([7, 1, 11, 2, 4], 0.95)).toBeCloseTo(10.2, 12);
  });
});
