import type { Migration } from './types';

/**
 * Deleting a dataset or a version (datasets/removal): a large version's items go in many short
 * transactions so the main thread's loop stays free. The first of them sets
 * `removal_started_at` on the versions (and on the dataset when all of it goes): from then on
 * they are hidden from every list and lookup, and a removal a crash interrupted is finished
 * when the workspace opens again.
 *
 * `cells_by_item`: deleting an item makes SQLite look for cells pointing at it (the foreign
 * key); without an index that was a scan of every cell per deleted item.
 */
export const migration0013: Migration = {
  id: 13,
  name: 'dataset_removal',
  up: `
ALTER TABLE datasets ADD COLUMN removal_started_at TEXT;
ALTER TABLE dataset_versions ADD COLUMN removal_started_at TEXT;
CREATE INDEX cells_by_item ON cells(item_id);
CREATE INDEX dataset_versions_by_parent ON dataset_versions(parent_id);
`,
};
