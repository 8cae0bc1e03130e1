import type { Migration } from './types';

/**
 * Unsaved suite edits, so an edit in progress survives a crash, a closed window or a restarted
 * server. One draft per suite, on the saved suite it was last edited from; a draft never changes
 * the saved suite. Deleting the suite deletes its draft.
 */
export const migration0010: Migration = {
  id: 10,
  name: 'suite_drafts',
  up: `
CREATE TABLE suite_drafts (
  suite_id TEXT PRIMARY KEY REFERENCES suites(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  -- suites.content_hash of the saved text the edit started from: when the suite's newest saved
  -- text has another hash, it was saved elsewhere (another window, the CLI) since.
  base_hash TEXT NOT NULL,
  -- ISO-8601, UTC.
  updated_at TEXT NOT NULL
) STRICT;
`,
};
