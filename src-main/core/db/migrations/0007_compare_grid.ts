import type { Migration } from './types';

/**
 * Look-ups the compare grid and its detail pane make per cell: the latest override of a score,
 * the labeling tasks (and so labels) of a cell, and the outputs tagged with a failure mode.
 */
export const migration0007: Migration = {
  id: 7,
  name: 'compare_grid',
  up: `
CREATE INDEX score_overrides_by_score ON score_overrides(score_id, created_at, id);
CREATE INDEX labeling_tasks_by_cell ON labeling_tasks(cell_id);
CREATE INDEX labeling_tasks_by_cell_b ON labeling_tasks(cell_b_id);
CREATE INDEX cell_failure_modes_by_mode ON cell_failure_modes(failure_mode_id, cell_id);
`,
};
