/**
 * A stored score value as the compare screen shows it, in the grid and in the detail pane
 * alike: three significant digits (the full value goes in a tooltip).
 */
export function formatScoreValue(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
