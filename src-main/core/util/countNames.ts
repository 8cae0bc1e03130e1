/**
 * How the core names the rows an action counts ("1 cell", "270 responses"), so the CLI and the
 * screens print what the core says instead of each spelling the words out.
 */

/** The words for one kind of row, and when a list of counts shows it. */
export interface CountName {
  one: string;
  many: string;
  /** `always`: even at 0 (what the action is about); `when-any`: with rows; `never`: not listed. */
  listed: 'always' | 'when-any' | 'never';
}

/** A name for every kind a counts object has, in the order lists show them. */
export type CountNames<K extends string> = Readonly<Record<K, CountName>>;

/** One listed count with the word for it. */
export interface CountLine<K extends string> {
  kind: K;
  label: string;
  count: number;
}

/** The counts a list shows, in `names` order, each with its word ("cell" for 1, else "cells"). */
export function countLines<K extends string>(
  names: CountNames<K>,
  counts: Readonly<Record<K, number | null>>,
): Array<CountLine<K>> {
  const lines: Array<CountLine<K>> = [];
  for (const kind of Object.keys(names) as K[]) {
    const { one, many, listed } = names[kind];
    // A count not taken (null) is left out rather than shown as 0.
    const count = counts[kind];
    if (listed === 'never' || count === null) continue;
    if (listed === 'when-any' && count === 0) continue;
    lines.push({ kind, label: count === 1 ? one : many, count });
  }
  return lines;
}

/** "270 cells, 540 scores": lines as one phrase for a terminal. */
export function countPhrase(lines: ReadonlyArray<CountLine<string>>): string {
  return lines.map((line) => `${line.count} ${line.label}`).join(', ');
}
