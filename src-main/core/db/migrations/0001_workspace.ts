import type { Migration } from './types';

/** Settings, secrets (ciphertext only), datasets and their frozen versions, prompts, providers, suites. */
export const migration0001: Migration = {
  id: 1,
  name: 'workspace',
  up: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Ciphertext produced by the OS keychain (Electron safeStorage); never plain text.
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  ciphertext BLOB NOT NULL,
  last4 TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  is_personal INTEGER NOT NULL DEFAULT 0 CHECK (is_personal IN (0, 1)),
  allow_cloud INTEGER NOT NULL DEFAULT 0 CHECK (allow_cloud IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE dataset_versions (
  id TEXT PRIMARY KEY,
  dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  parent_id TEXT REFERENCES dataset_versions(id),
  content_hash TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  is_frozen INTEGER NOT NULL DEFAULT 0 CHECK (is_frozen IN (0, 1)),
  source TEXT NOT NULL DEFAULT '{}',
  note TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (dataset_id, version)
) STRICT;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  input_format TEXT NOT NULL DEFAULT 'text' CHECK (input_format IN ('text', 'messages')),
  input TEXT NOT NULL,
  reference TEXT,
  category TEXT,
  group_id TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  content_hash TEXT NOT NULL,
  has_personal_data INTEGER NOT NULL DEFAULT 0 CHECK (has_personal_data IN (0, 1)),
  UNIQUE (version_id, item_key)
) STRICT;
CREATE INDEX items_by_version_position ON items(version_id, position);
CREATE INDEX items_by_version_category ON items(version_id, category);

CREATE TABLE item_tags (
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (item_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_tags_by_tag ON item_tags(tag);

-- A frozen version is immutable: its items and hash can no longer change.
CREATE TRIGGER items_frozen_insert BEFORE INSERT ON items
WHEN (SELECT is_frozen FROM dataset_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'dataset version is frozen'); END;
CREATE TRIGGER items_frozen_update BEFORE UPDATE ON items
WHEN (SELECT is_frozen FROM dataset_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'dataset version is frozen'); END;
CREATE TRIGGER item_tags_frozen_insert BEFORE INSERT ON item_tags
WHEN (SELECT v.is_frozen FROM items i JOIN dataset_versions v ON v.id = i.version_id WHERE i.id = NEW.item_id) = 1
BEGIN SELECT RAISE(ABORT, 'dataset version is frozen'); END;
CREATE TRIGGER dataset_versions_frozen_update BEFORE UPDATE OF content_hash, item_count, is_frozen, parent_id ON dataset_versions
WHEN OLD.is_frozen = 1
BEGIN SELECT RAISE(ABORT, 'dataset version is frozen'); END;

CREATE TABLE prompt_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

-- Provider instances the user configured. Keys live in the secret store, referenced by name.
CREATE TABLE providers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL UNIQUE,
  base_url TEXT,
  config TEXT NOT NULL DEFAULT '{}',
  secret_name TEXT,
  is_local INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Dated, user-editable prices in US dollars per million tokens.
CREATE TABLE pricing (
  id INTEGER PRIMARY KEY,
  provider_kind TEXT NOT NULL,
  model TEXT NOT NULL,
  input_usd_per_mtok REAL NOT NULL,
  output_usd_per_mtok REAL NOT NULL,
  cached_input_usd_per_mtok REAL,
  effective_from TEXT NOT NULL,
  source TEXT,
  UNIQUE (provider_kind, model, effective_from)
) STRICT;

CREATE TABLE suites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  yaml TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  source_path TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX suites_by_name ON suites(name, created_at);
`,
};
