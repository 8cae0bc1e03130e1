import type { Db } from '../../db/connection';
import { bit, sql } from '../../db/sql';
import type { PiiFinding } from './scan';

export interface PiiScanRow {
  id: number;
  versionId: string;
  detectors: string[];
  itemCount: number;
  flaggedCount: number;
  findingCount: number;
  isComplete: boolean;
  scannedAt: string;
}

interface ScanRow {
  id: number;
  version_id: string;
  detectors: string;
  item_count: number;
  flagged_count: number;
  finding_count: number;
  is_complete: number;
  scanned_at: string;
}

function toScan(row: ScanRow): PiiScanRow {
  return {
    id: row.id,
    versionId: row.version_id,
    detectors: JSON.parse(row.detectors) as string[],
    itemCount: row.item_count,
    flaggedCount: row.flagged_count,
    findingCount: row.finding_count,
    isComplete: row.is_complete === 1,
    scannedAt: row.scanned_at,
  };
}

/** The only SQL for personal-data scans and their findings (a domain repo, next to its users). */
export class PiiRepo {
  constructor(private readonly db: Db) {}

  insertScan(versionId: string, detectors: readonly string[], scannedAt: string): number {
    const result = this.db.run(sql`INSERT INTO pii_scans (version_id, detectors, scanned_at)
      VALUES (${versionId}, ${JSON.stringify(detectors)}, ${scannedAt})`);
    return Number(result.lastInsertRowid);
  }

  insertFinding(scanId: number, itemId: number, finding: PiiFinding): void {
    this.db
      .run(sql`INSERT INTO pii_findings (scan_id, item_id, detector, field, start_offset, end_offset, preview)
      VALUES (${scanId}, ${itemId}, ${finding.detector}, ${finding.field}, ${finding.start}, ${finding.end}, ${finding.preview})`);
  }

  /**
   * Findings of the rows of a JSON batch inserted at `base + i` (see
   * DatasetsRepo.insertItemsJson); returns how many were stored.
   */
  insertFindingsJson(scanId: number, versionId: string, base: number, batchJson: string): number {
    return this.db.run(sql`
      INSERT INTO pii_findings (scan_id, item_id, detector, field, start_offset, end_offset, preview)
      SELECT ${scanId}, i.id, f.value->>'detector', f.value->>'field', f.value->>'start', f.value->>'end',
        f.value->>'preview'
      FROM json_each(${batchJson}) j
      CROSS JOIN items i ON i.version_id = ${versionId} AND i.position = ${base} + j.key
        AND i.item_key = j.value->>'key'
      CROSS JOIN json_each(j.value->'findings') f`).changes;
  }

  completeScan(
    scanId: number,
    counts: { itemCount: number; flaggedCount: number; findingCount: number },
  ): void {
    this.db
      .run(sql`UPDATE pii_scans SET item_count = ${counts.itemCount}, flagged_count = ${counts.flaggedCount},
      finding_count = ${counts.findingCount}, is_complete = ${bit(true)} WHERE id = ${scanId}`);
  }

  deleteScan(scanId: number): void {
    this.db.run(sql`DELETE FROM pii_scans WHERE id = ${scanId}`);
  }

  /** The latest complete scan of a version: it decides whether the version holds personal data. */
  latestScan(versionId: string): PiiScanRow | undefined {
    const row = this.db.get<ScanRow>(sql`SELECT * FROM pii_scans
      WHERE version_id = ${versionId} AND is_complete = 1 ORDER BY id DESC LIMIT 1`);
    return row ? toScan(row) : undefined;
  }

  /** Items flagged when the version was written (the write-time scan, kept on the item row). */
  countFlaggedItems(versionId: string): number {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${versionId} AND has_personal_data = 1`,
      )?.n ?? 0
    );
  }

  findingsByDetector(scanId: number): Record<string, number> {
    const rows = this.db.all<{ detector: string; n: number }>(
      sql`SELECT detector, COUNT(*) AS n FROM pii_findings WHERE scan_id = ${scanId} GROUP BY detector ORDER BY detector`,
    );
    return Object.fromEntries(rows.map((r) => [r.detector, r.n]));
  }

  findings(scanId: number, offset: number, limit: number) {
    return this.db.all<{
      itemId: number;
      itemKey: string;
      detector: string;
      field: string;
      start: number;
      end: number;
      preview: string;
    }>(sql`SELECT f.item_id AS itemId, i.item_key AS itemKey, f.detector, f.field,
        f.start_offset AS start, f.end_offset AS "end", f.preview
      FROM pii_findings f JOIN items i ON i.id = f.item_id
      WHERE f.scan_id = ${scanId} ORDER BY i.position, f.field, f.start_offset
      LIMIT ${limit} OFFSET ${offset}`);
  }
}
