import { describe, expect, it } from 'vitest';
import { quantile } from '@core/stats/descriptive';
import {
  powerPairedProportions,
  sampleSizePairedMeans,
  sampleSizePairedProportions,
  sampleSizeTwoProportions,
} from '@core/stats/power';
import { expectClose, loadFixture } from './loadFixture';

interface PowerFixture {
  pairedProportions: Array<{
    discordantShare: number;
    difference: number;
    alpha: number;
    power: number;
    expected: number;
  }>;
  twoProportions: Array<{
    baseline: number;
    candidate: number;
    alpha: number;
    power: number;
    expected: number;
  }>;
  pairedMeans: Array<{
    sdDifference: number;
    difference: number;
    alpha: number;
    power: number;
    expected: number;
  }>;
}

describe('sample size and power', () => {
  const fixture = loadFixture<PowerFixture>('power.json');

  it('reproduces the reference sample sizes', () => {
    for (const c of fixture.pairedProportions)
      expect(sampleSizePairedProportions(c)).toBe(c.expected);
    for (const c of fixture.twoProportions) expect(sampleSizeTwoProportions(c)).toBe(c.expected);
    for (const c of fixture.pairedMeans) expect(sampleSizePairedMeans(c)).toBe(c.expected);
  });

  it('inverts: the computed n reaches at least the requested power', () => {
    const c = fixture.pairedProportions[0]!;
    expect(
      powerPairedProportions({
        n: c.expected,
        discordantShare: c.discordantShare,
        difference: c.difference,
      }),
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      powerPairedProportions({
        n: c.expected - 5,
        discordantShare: c.discordantShare,
        difference: c.difference,
      }),
    ).toBeLessThan(0.8);
  });

  it('refuses impossible inputs with a clear message', () => {
    expect(() => sampleSizePairedProportions({ discordantShare: 0.01, difference: 0.2 })).toThrow(
      /discordant/,
    );
    expect(() => sampleSizeTwoProportions({ baseline: 0.5, candidate: 0.5 })).toThrow(/differ/);
  });
});

describe('type-7 quantiles (against numpy.quantile)', () => {
  it('match', () => {
    const f = loadFixture<{ data: number[]; quantiles: Array<{ p: number; expected: number }> }>(
      'quantile.json',
    );
    for (const q of f.quantiles) expectClose(quantile(f.data, q.p), q.expected, 1e-9, `q${q.p}`);
  });
});
