import { describe, expect, it } from 'vitest';
import type { RunEstimate } from '@contract/index';
import { withPricedTotal } from '@core/pricing/pricedEstimate';

function estimate(costs: Array<[string, number | null]>): RunEstimate {
  return {
    itemCount: 10,
    cellCount: 10 * costs.length,
    models: costs.map(([modelKey, maxCostUsd]) => ({
      modelKey,
      cells: 10,
      inputTokens: 300,
      maxOutputTokens: 2000,
      maxCostUsd,
      estimatedMs: null,
      latencySamples: 0,
    })),
    maxCostUsd: costs.some(([, c]) => c === null)
      ? null
      : costs.reduce((sum, [, c]) => sum + (c ?? 0), 0),
    estimatedMs: null,
    isTokenEstimate: true,
  };
}

describe('withPricedTotal', () => {
  it('keeps the priced part of the bound when a model has no price, and names that model', () => {
    const priced = withPricedTotal(
      estimate([
        ['mini', 0.25],
        ['sim-b', null],
        ['haiku', 0.16],
      ]),
    );
    expect(priced.maxCostUsd).toBeNull();
    expect(priced.pricedMaxCostUsd).toBeCloseTo(0.41, 12);
    expect(priced.unpricedModelKeys).toEqual(['sim-b']);
  });

  it('equals the whole bound when every model is priced, and is 0 when none is', () => {
    const all = withPricedTotal(
      estimate([
        ['mini', 0.25],
        ['haiku', 0.16],
      ]),
    );
    expect(all.pricedMaxCostUsd).toBe(all.maxCostUsd);
    expect(all.unpricedModelKeys).toEqual([]);
    const none = withPricedTotal(
      estimate([
        ['a', null],
        ['b', null],
      ]),
    );
    expect(none.pricedMaxCostUsd).toBe(0);
    expect(none.unpricedModelKeys).toEqual(['a', 'b']);
  });
});
