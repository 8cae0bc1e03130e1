import { describe, expect, it } from 'vitest';
import { holmAdjust } from '@core/stats/multipleTesting';
import {
  cohensDz,
  mcnemarExact,
  pairedBootstrap,
  pairedPermutationTest,
  pairedTable,
} from '@core/stats/paired';
import { expectClose, loadFixture } from './loadFixture';

interface McNemarFixture {
  tables: Array<{
    name: string;
    a: number;
    b: number;
    c: number;
    d: number;
    pValue: number;
    difference95: { estimate: number; low: number; high: number };
    difference90: { estimate: number; low: number; high: number };
  }>;
}
interface PermutationFixture {
  cases: Array<{ first: number[]; second: number[]; statistic: number; pValue: number }>;
}
interface HolmFixture {
  cases: Array<{ p: number[]; expected: number[] }>;
}
interface QuantileFixture {
  cohensDz: { first: number[]; second: number[]; expected: number };
}

describe("McNemar's exact test", () => {
  const fixture = loadFixture<McNemarFixture>('mcnemar.json');

  it.each(fixture.tables.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    const table = { bothPass: t.a, firstOnly: t.b, secondOnly: t.c, neither: t.d };
    const result = mcnemarExact(table);
    expectClose(result.pValue, t.pValue, 1e-9, `${t.name} p`);
    expectClose(result.difference.estimate, t.difference95.estimate, 1e-12, `${t.name} estimate`);
    expectClose(result.difference.low, t.difference95.low, 1e-9, `${t.name} low`);
    expectClose(result.difference.high, t.difference95.high, 1e-9, `${t.name} high`);
    const at90 = mcnemarExact(table, 0.9);
    expectClose(at90.difference.low, t.difference90.low, 1e-9, `${t.name} low 90`);
    expectClose(at90.difference.high, t.difference90.high, 1e-9, `${t.name} high 90`);
  });

  it('builds the table from paired pass/fail lists', () => {
    expect(pairedTable([true, true, false, false], [true, false, true, false])).toEqual({
      bothPass: 1,
      firstOnly: 1,
      secondOnly: 1,
      neither: 1,
    });
    expect(() => pairedTable([true], [true, false])).toThrow(/differ in length/);
  });
});

describe('paired permutation test (against scipy.stats.permutation_test, exact)', () => {
  const fixture = loadFixture<PermutationFixture>('permutation.json');

  it('reproduces the statistic and p-value of every case', () => {
    for (const c of fixture.cases) {
      const result = pairedPermutationTest(c.first, c.second);
      expect(result.isExact).toBe(true);
      expectClose(result.statistic, c.statistic, 1e-12, 'statistic');
      expectClose(result.pValue, c.pValue, 1e-12, `p for n=${c.first.length}`);
    }
  });

  it('uses a seeded Monte Carlo null with the +1 adjustment for many items', () => {
    const first = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const second = first.map((v, i) => (i % 11 === 0 ? 1 - v : v));
    const a = pairedPermutationTest(first, second, { seed: 1, nResamples: 5000 });
    const b = pairedPermutationTest(first, second, { seed: 1, nResamples: 5000 });
    expect(a.isExact).toBe(false);
    expect(a.pValue).toBe(b.pValue);
    expect(a.pValue).toBeGreaterThan(1 / 5001 - 1e-15);
    expect(a.pValue).toBeLessThanOrEqual(1);
  });
});

describe('Holm correction', () => {
  it('reproduces the direct implementation and the worked example', () => {
    for (const c of loadFixture<HolmFixture>('holm.json').cases) {
      holmAdjust(c.p).forEach((v, i) => expectClose(v, c.expected[i]!, 1e-15, `holm[${i}]`));
    }
  });
});

describe('paired effect sizes', () => {
  it("reproduces Cohen's d_z", () => {
    const { first, second, expected } = loadFixture<QuantileFixture>('quantile.json').cohensDz;
    const d = cohensDz(first, second);
    expectClose(d.estimate, expected, 1e-12, 'd_z');
    expect(d.low).toBeLessThan(d.estimate);
    expect(d.high).toBeGreaterThan(d.estimate);
  });

  it('puts a clear regression entirely below zero and a null difference around it', () => {
    const base = Array.from({ length: 300 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const worse = base.map((v, i) => (i % 5 === 0 ? 0 : v));
    const drop = pairedBootstrap(base, worse, { seed: 3, nResamples: 2000 });
    expect(drop.high).toBeLessThan(0);
    const same = pairedBootstrap(
      base,
      base.map((v, i) => (i % 50 === 0 ? 1 - v : v)),
      { seed: 3, nResamples: 2000 },
    );
    expect(same.low).toBeLessThanOrEqual(0);
    expect(same.high).toBeGreaterThanOrEqual(0);
  });
});
