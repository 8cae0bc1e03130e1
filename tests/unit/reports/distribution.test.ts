import { describe, expect, it } from 'vitest';
import { cdfPoints, histogram, sharedBinEdges } from '@core/reports/distribution';
import { paretoFrontier } from '@core/reports/pareto';

describe('latency histograms share their bins', () => {
  it('spans every model and counts each value once, the maximum in the last bin', () => {
    const a = [100, 110, 120, 300];
    const b = [200, 500];
    const edges = sharedBinEdges([a, b], 4);
    expect(edges).toEqual([100, 200, 300, 400, 500]);
    expect(histogram(a, edges)).toEqual([3, 0, 1, 0]);
    expect(histogram(b, edges)).toEqual([0, 1, 0, 1]);
    expect(histogram([...a, ...b], edges).reduce((x, y) => x + y, 0)).toBe(6);
  });

  it('widens a single value into one visible bin and has no bins without values', () => {
    expect(sharedBinEdges([[42, 42]], 2)).toEqual([41.5, 42, 42.5]);
    expect(histogram([42, 42], [41.5, 42, 42.5])).toEqual([0, 2]);
    expect(sharedBinEdges([[], []], 10)).toEqual([]);
    expect(histogram([1, 2], [])).toEqual([]);
  });
});

describe('the empirical CDF', () => {
  it('gives the share at or below each value, counting ties once at their last copy', () => {
    expect(cdfPoints([3, 1, 2, 2])).toEqual([
      { ms: 1, share: 0.25 },
      { ms: 2, share: 0.75 },
      { ms: 3, share: 1 },
    ]);
    expect(cdfPoints([])).toEqual([]);
  });

  it('thins long series to exact points at evenly spaced ranks, ending at 1', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const points = cdfPoints(values, 100);
    expect(points.length).toBeLessThanOrEqual(101);
    expect(points[0]).toEqual({ ms: 0, share: 1 / 10_000 });
    expect(points.at(-1)).toEqual({ ms: 9999, share: 1 });
    for (const p of points) expect(p.share).toBeCloseTo((p.ms + 1) / 10_000, 12);
  });
});

describe('the cost–quality Pareto frontier', () => {
  it('keeps the points nothing else beats on both, cheapest first', () => {
    const frontier = paretoFrontier([
      { key: 'cheap', cost: 0.001, quality: 0.6 },
      { key: 'mid', cost: 0.01, quality: 0.8 },
      { key: 'dominated', cost: 0.02, quality: 0.7 },
      { key: 'best', cost: 0.05, quality: 0.9 },
      { key: 'same-cost-worse', cost: 0.05, quality: 0.85 },
      { key: 'unpriced', cost: null, quality: 0.99 },
    ]);
    expect(frontier).toEqual(['cheap', 'mid', 'best']);
  });

  it('keeps identical points together and is empty without complete points', () => {
    expect(
      paretoFrontier([
        { key: 'b', cost: 1, quality: 0.5 },
        { key: 'a', cost: 1, quality: 0.5 },
      ]),
    ).toEqual(['a', 'b']);
    expect(paretoFrontier([{ key: 'x', cost: 1, quality: null }])).toEqual([]);
  });
});
