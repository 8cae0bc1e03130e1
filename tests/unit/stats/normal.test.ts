import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '@core/stats/normal';
import { expectClose, loadFixture } from './loadFixture';

interface NormalFixture {
  cdf: Array<{ x: number; expected: number }>;
  quantile: Array<{ p: number; expected: number }>;
}

const fixture = loadFixture<NormalFixture>('normal.json');

describe('standard normal (against scipy.special.ndtr / ndtri)', () => {
  it('reproduces the CDF to 1e-15 absolute and 1e-12 relative in the tails', () => {
    for (const { x, expected } of fixture.cdf) {
      expectClose(normalCdf(x), expected, Math.max(1e-15, 1e-12 * expected), `ndtr(${x})`);
    }
  });

  it('reproduces the quantile to 1e-12', () => {
    for (const { p, expected } of fixture.quantile) {
      expectClose(
        normalQuantile(p),
        expected,
        1e-12 * Math.max(1, Math.abs(expected)),
        `ndtri(${p})`,
      );
    }
  });

  it('is the inverse of the CDF and handles the edges', () => {
    for (const p of [1e-8, 0.2, 0.5, 0.9, 0.999999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
