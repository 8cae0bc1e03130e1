import type { Migration } from './types';

/**
 * Which model of the baseline run a decision was compared against: a baseline run can hold
 * several models, and a decision must say which one its `.delta` criteria measured.
 */
export const migration0008: Migration = {
  id: 8,
  name: 'decision_baseline_model',
  up: `
ALTER TABLE decisions ADD COLUMN baseline_model TEXT;
`,
};
