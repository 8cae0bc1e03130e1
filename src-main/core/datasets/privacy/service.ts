import type { PiiScanSummary } from '@contract/routes/datasets';
import type { CoreContext } from '../../context';
import { notFound } from '../../apiError';
import { JobCancelled, type JobControl } from '../../jobs/jobManager';
import { nowIso } from '../../util/time';
import { piiDetectors } from './registry';
import { PiiRepo } from './repo';
import { scanItem } from './scan';

export interface VersionPrivacy {
  datasetId: string;
  datasetName: string;
  version: number;
  /** Personal by the latest scan (or, for a never-scanned version, by its item flags), or marked by the user. */
  isPersonal: boolean;
  flaggedItems: number;
  isMarkedPersonal: boolean;
  allowCloud: boolean;
}

function frozenVersion(ctx: CoreContext, versionId: string) {
  const version = ctx.repos.datasets.version(versionId);
  if (!version || !version.isFrozen) throw notFound('dataset version', versionId);
  return version;
}

/**
 * Scans every item of a version with the current detectors and stores the findings (masked)
 * as a new scan, which from then on decides whether the version holds personal data.
 * A generator of progress counts, so it can run in a job (yielding to the event loop) or
 * synchronously (the guard scanning a version written before scans existed).
 */
function* scanSteps(ctx: CoreContext, versionId: string): Generator<number, PiiScanSummary> {
  const version = frozenVersion(ctx, versionId);
  const repo = new PiiRepo(ctx.db);
  const scannedAt = nowIso();
  const detectors = piiDetectors.map((d) => d.id);
  const scanId = repo.insertScan(versionId, detectors, scannedAt);
  let done = 0;
  let flagged = 0;
  let findingCount = 0;
  try {
    let batch: Array<{ id: number; findings: ReturnType<typeof scanItem> }> = [];
    const flush = () => {
      ctx.db.transaction(() => {
        for (const entry of batch)
          for (const f of entry.findings) repo.insertFinding(scanId, entry.id, f);
      });
      batch = [];
    };
    for (const item of ctx.repos.datasets.iterateItems(versionId)) {
      const findings = scanItem(item);
      done++;
      if (findings.length > 0) {
        flagged++;
        findingCount += findings.length;
        batch.push({ id: item.id, findings });
      }
      if (done % 500 === 0) {
        flush();
        yield done;
      }
    }
    flush();
    repo.completeScan(scanId, { itemCount: done, flaggedCount: flagged, findingCount });
    if (flagged > 0) ctx.repos.datasets.markPersonal(version.datasetId);
  } catch (error) {
    repo.deleteScan(scanId);
    throw error;
  }
  return {
    scanId,
    versionId,
    detectors,
    itemCount: done,
    flaggedCount: flagged,
    findingCount,
    byDetector: repo.findingsByDetector(scanId),
    scannedAt,
  };
}

/** Scans a version in a job: progress, and cancel between batches (a cancelled scan is removed). */
export async function scanVersion(
  ctx: CoreContext,
  versionId: string,
  control: JobControl,
): Promise<PiiScanSummary> {
  const total = frozenVersion(ctx, versionId).itemCount;
  const steps = scanSteps(ctx, versionId);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    control.progress(step.value, total);
    await new Promise((resolve) => setImmediate(resolve));
    if (control.signal.aborted) {
      steps.throw(new JobCancelled());
    }
  }
}

export function scanVersionSync(ctx: CoreContext, versionId: string): PiiScanSummary {
  const steps = scanSteps(ctx, versionId);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The privacy state of a version: what the run engine's guard and the UI need. */
export function versionPrivacy(ctx: CoreContext, versionId: string): VersionPrivacy {
  const version = frozenVersion(ctx, versionId);
  const dataset = ctx.repos.datasets.get(version.datasetId);
  if (!dataset) throw notFound('dataset', version.datasetId);
  const repo = new PiiRepo(ctx.db);
  // A version written before scans existed is scanned now, once: never assume it is clean.
  const scan = repo.latestScan(versionId) ?? scanVersionSync(ctx, versionId);
  const flaggedItems = scan.flaggedCount;
  return {
    datasetId: dataset.id,
    datasetName: dataset.name,
    version: version.version,
    isPersonal: flaggedItems > 0 || dataset.isMarkedPersonal,
    flaggedItems,
    isMarkedPersonal: dataset.isMarkedPersonal,
    allowCloud: dataset.allowCloud,
  };
}
