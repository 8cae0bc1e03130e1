/**
 * How the results screens print the core's numbers. Pure formatting — never arithmetic on
 * the figures — so a test can format the CLI's `show --json` values with these same functions
 * and expect the screen's text.
 */
export type FigureKind = 'score' | 'rate' | 'ms' | 'usd' | 'p';

export function formatFigure(value: number | null | undefined, kind: FigureKind): string {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'score':
      return value.toFixed(3);
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'ms':
      // As the CLI's run table: one decimal below 10 ms, whole milliseconds above.
      return value < 10 ? value.toFixed(1) : value.toFixed(0);
    case 'usd':
      return `$${value >= 1 ? value.toFixed(2) : value.toFixed(5)}`;
    case 'p':
      return value < 0.0001 ? '<0.0001' : value.toFixed(4);
  }
}

/** The attribute form of a raw figure: exact (`String(number)`), empty when there is none. */
export function rawFigure(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
