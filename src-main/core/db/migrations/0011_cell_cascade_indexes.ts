import type { Migration } from './types';

/**
 * Deleting a run cascades from each of its cells into `judge_variant_scores`, whose key starts
 * with the variant: without an index on the cell, SQLite scanned the whole table once per deleted
 * cell (a 100,000-cell run against a workspace of calibration scores: minutes, not seconds).
 */
export const migration0011: Migration = {
  id: 11,
  name: 'cell_cascade_indexes',
  up: `
CREATE INDEX judge_variant_scores_by_cell ON judge_variant_scores(cell_id);
`,
};
