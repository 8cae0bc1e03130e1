import type { Migration } from './types';

/**
 * Labels removed (by undo) leave a tombstone, so the removal travels in portable session files:
 * an import deletes the label there when the removal is newer than its last change, and an older
 * file still holding the label does not bring it back. One row per label id, the latest removal.
 */
export const migration0009: Migration = {
  id: 9,
  name: 'label_tombstones',
  up: `
CREATE TABLE label_tombstones (
  label_id TEXT PRIMARY KEY,
  task_id TEXT REFERENCES labeling_tasks(id) ON DELETE SET NULL,
  session_id TEXT REFERENCES labeling_sessions(id) ON DELETE SET NULL,
  rater_id TEXT NOT NULL REFERENCES raters(id),
  -- What the removed label judged, so an export finds it like it finds the session's labels.
  content_hash TEXT NOT NULL,
  scheme_hash TEXT NOT NULL,
  -- Same clock and format as labels.updated_at (ISO-8601, UTC).
  removed_at TEXT NOT NULL
) STRICT;
CREATE INDEX label_tombstones_by_content ON label_tombstones(content_hash, scheme_hash);
`,
};
