/**
 * The one place the kinds of row deleting a suite removes are named: `suites.deletePreview`
 * returns them with the counts.
 */
import type { SuiteRemovalCounts } from '@contract/routes/suites';
import { countLines, type CountLine, type CountNames } from '../util/countNames';

export const suiteRemovalCountNames: CountNames<keyof SuiteRemovalCounts> = {
  versions: { one: 'saved version', many: 'saved versions', listed: 'always' },
  drafts: { one: 'unsaved draft', many: 'unsaved drafts', listed: 'when-any' },
};

/** "2 saved versions", "1 unsaved draft": what a deletion of a suite lists, in order. */
export function suiteRemovalCountLines(
  counts: SuiteRemovalCounts,
): Array<CountLine<keyof SuiteRemovalCounts>> {
  return countLines(suiteRemovalCountNames, counts);
}
