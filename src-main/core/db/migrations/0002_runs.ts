import type { Migration } from './types';

/** Runs, their planned cells, the responses, and the response cache. */
export const migration0002: Migration = {
  id: 2,
  name: 'runs',
  up: `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  suite_id TEXT NOT NULL REFERENCES suites(id),
  dataset_version_id TEXT NOT NULL REFERENCES dataset_versions(id),
  status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'paused', 'completed', 'cancelled', 'failed')),
  manifest TEXT NOT NULL,
  manifest_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT
) STRICT;
CREATE INDEX runs_by_created ON runs(created_at);

-- The effective parameters of each candidate model, as sent.
CREATE TABLE run_models (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  model_key TEXT NOT NULL,
  provider_kind TEXT NOT NULL,
  provider_id TEXT REFERENCES providers(id),
  model TEXT NOT NULL,
  params TEXT NOT NULL,
  PRIMARY KEY (run_id, model_key)
) STRICT;

CREATE TABLE run_prompts (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  prompt_key TEXT NOT NULL,
  template_id TEXT NOT NULL REFERENCES prompt_templates(id),
  PRIMARY KEY (run_id, prompt_key)
) STRICT;

-- One cell = item x prompt x model x repeat; all are written before the first request.
CREATE TABLE cells (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id),
  prompt_key TEXT NOT NULL,
  model_key TEXT NOT NULL,
  repeat INTEGER NOT NULL,
  seed INTEGER,
  ordinal INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'error', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  UNIQUE (run_id, item_id, prompt_key, model_key, repeat)
) STRICT;
CREATE INDEX cells_by_run_status ON cells(run_id, status, ordinal);

CREATE TABLE responses (
  cell_id TEXT PRIMARY KEY REFERENCES cells(id) ON DELETE CASCADE,
  output TEXT,
  finish_reason TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  is_token_estimate INTEGER NOT NULL DEFAULT 0 CHECK (is_token_estimate IN (0, 1)),
  latency_ms REAL,
  ttft_ms REAL,
  inter_token_ms REAL,
  tokens_per_second REAL,
  cost_usd REAL,
  error_class TEXT,
  error_message TEXT,
  http_status INTEGER,
  is_cached INTEGER NOT NULL DEFAULT 0 CHECK (is_cached IN (0, 1)),
  is_cold_start INTEGER NOT NULL DEFAULT 0 CHECK (is_cold_start IN (0, 1)),
  request_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  started_at TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- Keyed by a hash of (provider, model, effective params, messages): a re-run never pays twice.
CREATE TABLE response_cache (
  request_hash TEXT PRIMARY KEY,
  provider_kind TEXT NOT NULL,
  model TEXT NOT NULL,
  output TEXT NOT NULL,
  finish_reason TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  is_token_estimate INTEGER NOT NULL DEFAULT 0 CHECK (is_token_estimate IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
`,
};
