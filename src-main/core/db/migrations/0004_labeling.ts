import type { Migration } from './types';

/** Human labeling sessions, their tasks, and labels keyed by the content judged. */
export const migration0004: Migration = {
  id: 4,
  name: 'labeling',
  up: `
CREATE TABLE labeling_sessions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pointwise', 'pairwise')),
  is_blind INTEGER NOT NULL DEFAULT 1 CHECK (is_blind IN (0, 1)),
  config TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE labeling_tasks (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES labeling_sessions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  cell_id TEXT REFERENCES cells(id),
  cell_b_id TEXT REFERENCES cells(id),
  is_swapped INTEGER NOT NULL DEFAULT 0 CHECK (is_swapped IN (0, 1)),
  content_hash TEXT NOT NULL,
  required_ratings INTEGER NOT NULL DEFAULT 1,
  UNIQUE (session_id, position)
) STRICT;

-- Labels outlive runs: content_hash is a hash of the input and output(s) judged.
CREATE TABLE labels (
  id TEXT PRIMARY KEY,
  task_id TEXT REFERENCES labeling_tasks(id) ON DELETE SET NULL,
  session_id TEXT REFERENCES labeling_sessions(id) ON DELETE SET NULL,
  rater_id TEXT NOT NULL REFERENCES raters(id),
  content_hash TEXT NOT NULL,
  score REAL,
  choice TEXT CHECK (choice IN ('a', 'b', 'tie', 'both_bad')),
  is_pass INTEGER CHECK (is_pass IN (0, 1)),
  note TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (task_id, rater_id)
) STRICT;
CREATE INDEX labels_by_content ON labels(content_hash);
`,
};
