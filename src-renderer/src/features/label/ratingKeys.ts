import type { Shortcut } from '../../shortcuts';

/**
 * The rating screen's keyboard map, handled by `useRatingKeys`: shown by its own key help (?)
 * and, through the shortcuts registry, by the shortcuts sheet.
 */
export function ratingShortcuts(kind: 'pointwise' | 'pairwise'): Shortcut[] {
  const rows: [string, string][] =
    kind === 'pairwise'
      ? [
          ['A / B', 'that output is better'],
          ['T', 'tie'],
          ['X', 'both bad'],
          ['D', 'diff of A and B'],
        ]
      : [
          ['1 … 9, 0', 'score (0 is 10 on a 1–10 scale)'],
          ['P / F', 'pass / fail (when asked)'],
          ['G', 'failure-mode tags; then digits toggle them'],
        ];
  rows.push(
    ['N', 'write a note (Ctrl+Enter saves, Esc leaves)'],
    ['S', 'skip: next task, this one stays in your queue'],
    ['U', 'undo your last change'],
    ['← / →', 'previous / next task'],
    ['?', 'show or hide these keys (Esc hides them, and the diff)'],
  );
  return rows.map(([keys, description]) => ({ keys, description }));
}
