import type { Migration } from './types';

/**
 * Privacy guard for datasets: a user's "treat as personal" mark per dataset, and stored
 * scans for personal data with their findings (masked previews only, never the full value).
 */
export const migration0005: Migration = {
  id: 5,
  name: 'dataset_privacy',
  up: `
ALTER TABLE datasets ADD COLUMN is_marked_personal INTEGER NOT NULL DEFAULT 0 CHECK (is_marked_personal IN (0, 1));

-- One scan of one version with a set of detectors. Every new version gets one when it is
-- written; "pii-scan" adds another (e.g. after detectors changed). The latest scan decides.
CREATE TABLE pii_scans (
  id INTEGER PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
  detectors TEXT NOT NULL,
  item_count INTEGER NOT NULL DEFAULT 0,
  flagged_count INTEGER NOT NULL DEFAULT 0,
  finding_count INTEGER NOT NULL DEFAULT 0,
  is_complete INTEGER NOT NULL DEFAULT 0 CHECK (is_complete IN (0, 1)),
  scanned_at TEXT NOT NULL
) STRICT;
CREATE INDEX pii_scans_by_version ON pii_scans(version_id, id);

-- Where personal data was found: the item, the field, the character span, and a masked
-- preview (e.g. "j***@example.com") so the UI can show findings without repeating them.
CREATE TABLE pii_findings (
  id INTEGER PRIMARY KEY,
  scan_id INTEGER NOT NULL REFERENCES pii_scans(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  detector TEXT NOT NULL,
  field TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  preview TEXT NOT NULL
) STRICT;
CREATE INDEX pii_findings_by_scan ON pii_findings(scan_id, item_id);
CREATE INDEX pii_findings_by_item ON pii_findings(item_id);
`,
};
