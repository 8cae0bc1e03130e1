import type { Migration } from './types';

/**
 * Deleting a large run goes in many short transactions (runner/runRemoval.ts) so the main
 * thread's event loop stays free. The first of them sets `removal_started_at`: from then on
 * the run is hidden from every list and lookup, so nothing reads it half-deleted, and a run a
 * crash left marked is finished when the workspace opens again.
 */
export const migration0012: Migration = {
  id: 12,
  name: 'run_removal_mark',
  up: `
ALTER TABLE runs ADD COLUMN removal_started_at TEXT;
`,
};
