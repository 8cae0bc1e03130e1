/**
 * The one place the kinds of row a dataset deletion removes are named: `datasets.deletePreview`
 * returns them with the counts, and the CLI prints them for the preview and the result.
 */
import type { DatasetRemovalCounts } from '@contract/routes/datasets';
import { countLines, type CountLine, type CountNames } from '../util/countNames';

export const datasetRemovalCountNames: CountNames<keyof DatasetRemovalCounts> = {
  versions: { one: 'version', many: 'versions', listed: 'when-any' },
  items: { one: 'item', many: 'items', listed: 'always' },
  // Null in the preview of a large deletion (not counted ahead): left out then.
  itemTags: { one: 'item tag', many: 'item tags', listed: 'when-any' },
  piiScans: { one: 'privacy scan', many: 'privacy scans', listed: 'when-any' },
  piiFindings: {
    one: 'privacy finding (stored masked)',
    many: 'privacy findings (stored masked)',
    listed: 'when-any',
  },
};

/** "1 version", "250 items": what a deletion of a dataset or version lists, in order. */
export function datasetRemovalCountLines(
  counts: DatasetRemovalCounts,
): Array<CountLine<keyof DatasetRemovalCounts>> {
  return countLines(datasetRemovalCountNames, counts);
}
