/**
 * The chart options the renderer builds from core figures: a zero is drawn (a stub and its
 * figure) while missing data says "no data", and the Calibrate heat map's cells follow the
 * theme with labels that keep 4.5:1 — checked against the themes as styles.css defines them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RouteOutput } from '@contract/index';
import type { SessionCalibration } from '@contract/routes/labeling';
import {
  heatCell,
  scaleOption,
} from '../../../src-renderer/src/features/calibrate/calibrateCharts';
import { NO_DATA } from '../../../src-renderer/src/features/results/barMarks';
import {
  categoryOption,
  type ChartTheme,
} from '../../../src-renderer/src/features/results/chartOptions';
import {
  contrastRatio,
  parseHex,
  readableOn,
} from '../../../src-renderer/src/features/results/colorContrast';

const css = readFileSync(join(import.meta.dirname, '../../../src-renderer/src/styles.css'), 'utf8');

/** One theme's variables as styles.css sets them (the light block overrides the dark root). */
function themeOf(name: 'dark' | 'light'): ChartTheme {
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    return css.slice(start, css.indexOf('}', start));
  };
  const vars = new Map<string, string>();
  for (const b of name === 'dark'
    ? [block(':root')]
    : [block(':root'), block(`:root[data-theme='light']`)])
    for (const m of b.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  const read = (v: string) => {
    const value = vars.get(v);
    if (!value) throw new Error(`styles.css sets no ${v} for the ${name} theme`);
    return value;
  };
  return {
    series: [read('--accent'), read('--ok'), read('--warn'), read('--danger')],
    text: read('--text'),
    muted: read('--text-muted'),
    border: read('--border'),
    accent: read('--accent'),
    bg: read('--bg'),
    accentText: read('--accent-text'),
  };
}

const luminanceOf = (hex: string) => contrastRatio(hex, '#000000')!;

describe('the confusion heat map colours', () => {
  for (const name of ['dark', 'light'] as const) {
    const theme = themeOf(name);
    it(`keeps every cell label at 4.5:1 or more in the ${name} theme`, () => {
      const max = 97;
      const worst = Array.from({ length: max + 1 }, (_, n) => heatCell(n, max, theme))
        .map((c) => ({ ...c, ratio: contrastRatio(c.fill, c.label)! }))
        .sort((a, b) => a.ratio - b.ratio)[0]!;
      expect(worst.ratio, `${worst.label} on ${worst.fill}`).toBeGreaterThanOrEqual(4.5);
    });
    it(`runs from a tint of the ${name} page to its accent`, () => {
      const empty = heatCell(0, 10, theme).fill;
      const full = heatCell(10, 10, theme).fill;
      expect(full).toBe(theme.accent);
      // An empty cell is close to the page (a light cell in the light theme, not a dark block)
      // yet still visible against it.
      expect(contrastRatio(empty, theme.bg)!).toBeLessThan(1.6);
      expect(contrastRatio(empty, theme.bg)!).toBeGreaterThan(1.05);
      // Counts darken (light theme) or brighten (dark theme) monotonically toward the accent.
      const steps = [0, 3, 6, 10].map((n) => luminanceOf(heatCell(n, 10, theme).fill));
      const sorted = [...steps].sort((a, b) => (name === 'light' ? b - a : a - b));
      expect(steps).toEqual(sorted);
    });
  }
  it('falls back to black or white where no theme colour reaches 4.5:1', () => {
    expect(readableOn('#777777', ['#888888', '#666666'])).toBe('#000000');
    expect(readableOn('#1f5fd6', ['#1b1f27', '#ffffff'])).toBe('#ffffff');
    expect(parseHex('rgb(1, 2, 3)')).toBeNull();
  });
});

type Breakdown = RouteOutput<'scoring.breakdown'>;
const group = (name: string, estimate: number | null) => ({
  group: name,
  n: 10,
  estimate,
  low: estimate,
  high: estimate === null ? null : Math.min(1, estimate + 0.1),
  warning: null,
});

interface Series {
  type: string;
  name: string;
  barMinHeight?: number;
  data: unknown[];
}

describe('bars of zero against missing bars', () => {
  const theme = themeOf('light');
  it('draws a category rate of 0 as a stub and leaves missing data to a "no data" mark', () => {
    const breakdown: Breakdown = [
      { modelKey: 'a', groups: [group('billing', 0), group('returns', 0.5)] },
      { modelKey: 'b', groups: [group('billing', 0.25), group('returns', null)] },
      { modelKey: 'c', groups: [group('returns', 1)] },
    ];
    const option = categoryOption(breakdown, theme) as { series: Series[] };
    const bars = option.series.filter((s) => s.type === 'bar');
    expect(bars.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    for (const bar of bars) expect(bar.barMinHeight).toBeGreaterThanOrEqual(2);
    // Categories sort: billing, returns. A zero stays a value; null stays null (no stub).
    expect(bars[0]!.data).toEqual([0, 0.5]);
    expect(bars[1]!.data).toEqual([0.25, null]);
    expect(bars[2]!.data).toEqual([null, 1]);
    const noData = option.series.filter((s) => s.name.endsWith(' no data'));
    expect(noData.map((s) => [s.name, s.data])).toEqual([
      ['a no data', []],
      ['b no data', [[1, 0]]],
      ['c no data', [[0, 0]]],
    ]);
  });

  it('labels a share of 0 on the scale-use bars and marks a missing share', () => {
    const shares = (values: Array<number | null>) => ({
      counts: [],
      shares: values,
      mean: null,
      standardDeviation: null,
      unused: [],
    });
    const report = {
      scaleUse: {
        labels: ['A', 'B', 'tie'],
        judge: shares([0.5, 0.5, 0]),
        human: shares([0.6, 0.4, null]),
      },
    } as unknown as SessionCalibration;
    const option = scaleOption(report, theme) as { series: Series[] };
    const [judge, people] = option.series;
    expect(judge!.barMinHeight).toBeGreaterThanOrEqual(2);
    expect(judge!.data[2]).toMatchObject({
      value: 0,
      label: { show: true, formatter: '0.000' },
    });
    expect(people!.data[2]).toBeNull();
    const marks = option.series.filter((s) => s.type === 'custom');
    expect(marks.map((s) => s.data)).toEqual([[], [[2, 0]]]);
    expect(NO_DATA).toBe('no data');
  });
});
