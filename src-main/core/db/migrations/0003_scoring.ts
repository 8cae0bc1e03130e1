import type { Migration } from './types';

/** People (raters), scores and their human overrides, failure modes, and decisions. */
export const migration0003: Migration = {
  id: 3,
  name: 'scoring',
  up: `
CREATE TABLE raters (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  cell_id TEXT NOT NULL REFERENCES cells(id) ON DELETE CASCADE,
  scorer_key TEXT NOT NULL,
  scorer_id TEXT NOT NULL,
  scorer_version TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  value REAL,
  is_pass INTEGER CHECK (is_pass IN (0, 1)),
  details TEXT NOT NULL DEFAULT '{}',
  cost_usd REAL,
  error TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (cell_id, scorer_key)
) STRICT;
CREATE INDEX scores_by_scorer ON scores(scorer_key);

-- A person may override any automated score; who, when and why are kept.
CREATE TABLE score_overrides (
  id INTEGER PRIMARY KEY,
  score_id INTEGER NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
  rater_id TEXT NOT NULL REFERENCES raters(id),
  value REAL,
  is_pass INTEGER CHECK (is_pass IN (0, 1)),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE failure_modes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at TEXT NOT NULL,
  archived_at TEXT
) STRICT;

CREATE TABLE cell_failure_modes (
  cell_id TEXT NOT NULL REFERENCES cells(id) ON DELETE CASCADE,
  failure_mode_id TEXT NOT NULL REFERENCES failure_modes(id),
  rater_id TEXT REFERENCES raters(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (cell_id, failure_mode_id)
) STRICT;

-- A verdict with the criteria and evidence it was computed from (audit trail).
CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  baseline_run_id TEXT REFERENCES runs(id),
  model_key TEXT,
  verdict TEXT NOT NULL CHECK (verdict IN ('ship', 'ship_with_caveats', 'dont_ship')),
  weighted_score REAL,
  criteria TEXT NOT NULL,
  evaluation TEXT NOT NULL,
  manifest TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
`,
};
