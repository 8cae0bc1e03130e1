/**
 * Reads what an ECharts chart (SVG renderer) actually drew: the colours of a heat map's cells
 * and of the labels inside them, and the bars under the "0.000" labels of zero values. axe
 * does not judge text drawn inside a chart, so its contrast is measured here.
 */
import type { Page } from '@playwright/test';

export interface HeatLabel {
  text: string;
  fill: string;
  ink: string;
  ratio: number;
}

/** Every label inside a heat map cell, with the cell's fill, its own colour and their ratio. */
export function heatLabels(page: Page, testId: string): Promise<HeatLabel[]> {
  return page.evaluate((testId) => {
    const svg = document.querySelector(`[data-testid="${testId}"] svg`);
    if (!svg) throw new Error(`no chart ${testId}`);
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (css: string) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const [r = 0, g = 0, b = 0] = rgb(css);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const hex = (css: string) =>
      `#${rgb(css)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    const cells = [...svg.querySelectorAll('path')]
      .map((p) => ({ rect: p.getBoundingClientRect(), fill: getComputedStyle(p).fill }))
      .filter((c) => c.fill.startsWith('rgb') && c.rect.width > 10 && c.rect.height > 10);
    return [...svg.querySelectorAll('text')].flatMap((t) => {
      const r = t.getBoundingClientRect();
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      const inside = cells
        .filter((c) => x > c.rect.left && x < c.rect.right && y > c.rect.top && y < c.rect.bottom)
        .sort((a, b) => a.rect.width * a.rect.height - b.rect.width * b.rect.height)[0];
      if (!inside) return [];
      const ink = getComputedStyle(t).fill;
      const [light, dark] = [luminance(ink), luminance(inside.fill)].sort((a, b) => b - a) as [
        number,
        number,
      ];
      return [
        {
          text: t.textContent ?? '',
          fill: hex(inside.fill),
          ink: hex(ink),
          ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
        },
      ];
    });
  }, testId);
}

/**
 * The chart's "0.000" and "no data" labels; for each "0.000", whether a filled bar stub (a
 * few pixels tall) stands under it in the same slot: right under it, or under the interval
 * whisker the figure is printed above (a rate of 0 of n items has an upper bound above 0).
 */
export function zeroBars(
  page: Page,
  testId: string,
): Promise<{ zeros: number; withStub: number; noData: number }> {
  return page.evaluate((testId) => {
    const svg = document.querySelector(`[data-testid="${testId}"] svg`);
    if (!svg) throw new Error(`no chart ${testId}`);
    const texts = [...svg.querySelectorAll('text')];
    const bars = [...svg.querySelectorAll('path')]
      .filter((p) => getComputedStyle(p).fill.startsWith('rgb'))
      .map((p) => p.getBoundingClientRect());
    const zeros = texts.filter((t) => t.textContent === '0.000');
    // Vertical stroked lines (interval whiskers) and their height, by the x they stand at.
    const whiskers = [...svg.querySelectorAll('path')]
      .filter((p) => getComputedStyle(p).stroke.startsWith('rgb'))
      .map((p) => p.getBoundingClientRect())
      .filter((b) => b.width <= 3 && b.height > 0);
    const whiskerBelow = (r: DOMRect, x: number) =>
      whiskers.find(
        (w) =>
          Math.abs(w.left + w.width / 2 - x) <= 2 && w.top >= r.bottom - 1 && w.top <= r.bottom + 8,
      )?.height ?? 0;
    const withStub = zeros.filter((t) => {
      const r = t.getBoundingClientRect();
      const x = r.left + r.width / 2;
      return bars.some(
        (b) =>
          b.left <= x &&
          b.right >= x &&
          b.height >= 2 &&
          b.height <= 6 &&
          b.top >= r.bottom - 1 &&
          b.top <= r.bottom + 8 + whiskerBelow(r, x),
      );
    });
    return {
      zeros: zeros.length,
      withStub: withStub.length,
      noData: texts.filter((t) => t.textContent === 'no data').length,
    };
  }, testId);
}
