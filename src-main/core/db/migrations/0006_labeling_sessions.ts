import type { Migration } from './types';

/**
 * Rating sessions as built: the question a label answers (so labels are shared by content only
 * between sessions asking the same question), the content of tasks imported from a portable
 * session file, every change a rater makes (undo and audit), and edited judge versions re-run
 * on a calibration set.
 */
export const migration0006: Migration = {
  id: 6,
  name: 'labeling_sessions',
  up: `
-- sha256 of the session's kind and rubric question (and scale): which question a label answers.
ALTER TABLE labels ADD COLUMN scheme_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX labels_by_content_scheme ON labels(content_hash, scheme_hash, rater_id);
CREATE INDEX labels_by_session_rater ON labels(session_id, rater_id, updated_at);

-- The judged content of a task imported from a session file (no cells in this workspace), JSON.
ALTER TABLE labeling_tasks ADD COLUMN payload TEXT;
CREATE INDEX labeling_tasks_by_content ON labeling_tasks(content_hash);

-- Every change a rater made to a label: undo walks back through it, newest first.
CREATE TABLE label_history (
  id INTEGER PRIMARY KEY,
  session_id TEXT REFERENCES labeling_sessions(id) ON DELETE CASCADE,
  task_id TEXT REFERENCES labeling_tasks(id) ON DELETE CASCADE,
  rater_id TEXT NOT NULL REFERENCES raters(id),
  label_id TEXT NOT NULL,
  -- The label's values before the change (JSON); NULL when the change created the label.
  previous TEXT,
  is_undone INTEGER NOT NULL DEFAULT 0 CHECK (is_undone IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX label_history_by_rater ON label_history(session_id, rater_id, is_undone, id);

-- An edited version of a judge scorer, re-run on the outputs of one session only.
CREATE TABLE judge_variants (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES labeling_sessions(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  scorer_key TEXT NOT NULL,
  scorer_id TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  error TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (session_id, run_id, scorer_key, name)
) STRICT;

CREATE TABLE judge_variant_scores (
  variant_id TEXT NOT NULL REFERENCES judge_variants(id) ON DELETE CASCADE,
  cell_id TEXT NOT NULL REFERENCES cells(id) ON DELETE CASCADE,
  value REAL,
  is_pass INTEGER CHECK (is_pass IN (0, 1)),
  details TEXT NOT NULL DEFAULT '{}',
  cost_usd REAL,
  error TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (variant_id, cell_id)
) STRICT;
`,
};
