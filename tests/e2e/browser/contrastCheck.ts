/**
 * Settles the colour-contrast checks axe leaves "incomplete". axe gives up when text sits
 * beside an icon, under a sticky header, or is a single glyph; none of that changes the colours
 * a reader sees. Here the text colour is composited onto the element's own background, found by
 * walking up the ancestors and blending each translucent layer (tints made with color-mix) until
 * an opaque one. The ratio needed is WCAG's: 4.5:1, 3:1 for large text (24 px, or 18.66 px
 * bold) and for a lone symbol (×, ⚠, ▾: non-text contrast, 1.4.11). Only a background image or
 * gradient on the way up leaves the question open; such elements stay "incomplete".
 */
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

export interface Contrast {
  /** The ratio and what it must reach, or `open` when a background image is in the way. */
  ratio: number | 'open';
  needed: number;
  fg: string;
  bg: string;
}

/**
 * axe's results on the page, with the contrast of each element whose colour contrast axe left
 * undecided, keyed by its target (CSS selectors joined by ` >>> `, as the audit names them).
 * Measured in the same evaluation as axe ran, so nothing on screen changes in between (a
 * results page reloading under a running job would otherwise swap the elements away).
 */
export function axeWithContrast(
  page: Page,
  tags: string[],
): Promise<{
  results: AxeResults;
  contrast: Record<string, Contrast | null>;
  /** Elements axe reported (violations, undecided) no longer in the page: it changed under axe. */
  stale: number;
}> {
  return page.evaluate(async (tags) => {
    const results = await (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const targets = results.incomplete
      .filter((r) => r.id === 'color-contrast')
      .flatMap((r) => r.nodes.map((n) => n.target.map(String).join(' >>> ')));
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas to read colours with');
    type Rgba = [number, number, number, number];
    // The canvas parses every colour syntax the computed style can return (color(srgb …) too).
    const parse = (css: string): Rgba => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0, (a ?? 0) / 255];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + below[0] * (1 - a),
        top[1] * a + below[1] * (1 - a),
        top[2] * a + below[2] * (1 - a),
        1,
      ];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const hex = (c: Rgba) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    const measured = targets.map((target) => {
      const el = target.includes(' >>> ') ? null : document.querySelector(target);
      if (!el) return null;
      const layers: Rgba[] = [];
      let open = false;
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        opacity *= Number(style.opacity);
        if (style.backgroundImage !== 'none') open = true;
        const layer = parse(style.backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      // The canvas (white under the light theme's body, the page's own colour otherwise).
      let bg: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (bg[3] < 1) bg = over(bg, [255, 255, 255, 1]);
      for (const layer of layers.reverse()) bg = over(layer, bg);
      const style = getComputedStyle(el);
      const ink = parse(style.color);
      const fg = over([ink[0], ink[1], ink[2], ink[3] * opacity], bg);
      const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [
        number,
        number,
      ];
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const symbol = !/[\p{L}\p{N}]/u.test(el.textContent ?? '');
      return {
        ratio: open ? ('open' as const) : Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
        needed: large || symbol ? 3 : 4.5,
        fg: hex(fg),
        bg: hex(bg),
      };
    });
    const reported = [...results.violations, ...results.incomplete].flatMap((r) =>
      r.nodes.map((n) => n.target.map(String).join(' >>> ')),
    );
    const stale = reported.filter(
      (target) => !target.includes(' >>> ') && !document.querySelector(target),
    ).length;
    return {
      results,
      stale,
      contrast: Object.fromEntries(targets.map((target, i) => [target, measured[i] ?? null])),
    };
  }, tags);
}
