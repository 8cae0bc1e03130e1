/**
 * Colour arithmetic for chart fills drawn by the renderer (a heat map's cells): mixing two theme
 * colours, and picking a label colour that keeps WCAG's 4.5:1 on a fill. Only colours are
 * computed here, never a figure shown as a number.
 */

type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (how the themes in styles.css spell their colours); null otherwise. */
export function parseHex(color: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return null;
  const digits =
    m[1].length === 3
      ? m[1]
          .split('')
          .map((d) => d + d)
          .join('')
      : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (c: Rgb) =>
  `#${c
    .map((v) =>
      Math.round(Math.max(0, Math.min(255, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** `from` moved a share `t` (0–1) of the way to `to`, in sRGB; `to` when either is unreadable. */
export function mixHex(from: string, to: string, t: number): string {
  const a = parseHex(from);
  const b = parseHex(to);
  if (!a || !b) return to;
  return toHex([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * t) as Rgb);
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two opaque colours (1–21); null when either is unreadable. */
export function contrastRatio(a: string, b: string): number | null {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return null;
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The ratio normal-size text needs (WCAG 1.4.3, AA). */
export const TEXT_CONTRAST = 4.5;

/**
 * A label colour for text on `fill`: the first of the theme's `preferred` colours that reaches
 * 4.5:1, else whichever of them, black and white contrasts most. Black or white always reaches
 * 4.58:1, so the result is readable on any fill; the theme's own colours are kept where they are.
 */
export function readableOn(fill: string, preferred: string[]): string {
  const fits = preferred.find((c) => (contrastRatio(fill, c) ?? 0) >= TEXT_CONTRAST);
  if (fits) return fits;
  let best = '#000000';
  let bestRatio = 0;
  for (const c of [...preferred, '#000000', '#ffffff']) {
    const ratio = contrastRatio(fill, c) ?? 0;
    if (ratio > bestRatio) [best, bestRatio] = [c, ratio];
  }
  return best;
}
