/**
 * The one place the kinds of row deleting a run removes are named: `runs.deletePreview` returns
 * them with the counts, and the CLI prints them for the preview and the result.
 */
import type { RunRemovalCounts } from '@contract/routes/runs';
import { countLines, type CountLine, type CountNames } from '../util/countNames';

export const runRemovalCountNames: CountNames<keyof RunRemovalCounts> = {
  cells: { one: 'cell', many: 'cells', listed: 'always' },
  responses: { one: 'response', many: 'responses', listed: 'when-any' },
  scores: { one: 'score', many: 'scores', listed: 'when-any' },
  scoreOverrides: {
    one: 'human score override',
    many: 'human score overrides',
    listed: 'when-any',
  },
  failureModeTags: { one: 'failure-mode tag', many: 'failure-mode tags', listed: 'when-any' },
  judgeVariants: { one: 'edited judge version', many: 'edited judge versions', listed: 'when-any' },
  judgeVariantScores: {
    one: 'judge-version score',
    many: 'judge-version scores',
    listed: 'when-any',
  },
  // The run's own configuration: deleting "the run" already says these go.
  runModels: { one: 'model of the run', many: 'models of the run', listed: 'never' },
  runPrompts: { one: 'prompt of the run', many: 'prompts of the run', listed: 'never' },
};

/** "8 cells", "8 responses": what a deletion of a run lists, in order. */
export function runRemovalCountLines(
  counts: RunRemovalCounts,
): Array<CountLine<keyof RunRemovalCounts>> {
  return countLines(runRemovalCountNames, counts);
}
