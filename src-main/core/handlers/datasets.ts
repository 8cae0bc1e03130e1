import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DatasetItem, datasetRoutes } from '@contract/routes/datasets';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { checkContamination } from '../datasets/contamination/contamination';
import { embeddingAdapter } from '../datasets/contamination/embeddingCheck';
import { deriveVersion } from '../datasets/derive/derive';
import { editVersion } from '../datasets/derive/edit';
import { foldCounts, foldName } from '../datasets/derive/folds';
import { exportVersion } from '../datasets/export/exporter';
import { runImport } from '../datasets/import/importer';
import { previewImport } from '../datasets/import/preview';
import { datasetJobResult, startDatasetJob } from '../datasets/jobs';
import { piiDetectors } from '../datasets/privacy/registry';
import {
  finishDatasetRemoval,
  interruptedDatasetRemovals,
  previewDatasetRemoval,
  removeDatasetTarget,
} from '../datasets/removal/removeDataset';
import { PiiRepo } from '../datasets/privacy/repo';
import { scanVersion, versionPrivacy } from '../datasets/privacy/service';
import type { WrittenVersion } from '../datasets/versionWriter';
import { canonicalJson } from '../util/hash';
import type { HandlersFor } from './types';

function frozenVersion(ctx: CoreContext, versionId: string) {
  const version = ctx.repos.datasets.version(versionId);
  if (!version?.isFrozen) throw notFound('dataset version', versionId);
  return version;
}

/** Tells every window a version exists (dataset views and the overview refresh). */
function announce(ctx: CoreContext, written: WrittenVersion, reason: string) {
  ctx.events.emit('dataset.versionCreated', written);
  ctx.events.emit('workspace.changed', { domain: 'datasets', reason });
}

/** Which hashed fields of two items differ. */
/** The dataset names a job reads or writes, so deleting one waits for it (removal/). */
function datasetNamesOf(ctx: CoreContext, datasetId: string, also?: string | null): string[] {
  const name = ctx.repos.datasets.get(datasetId)?.name;
  return [...(name ? [name] : []), ...(also ? [also] : [])];
}

function changedFields(before: DatasetItem | null, after: DatasetItem | null): string[] {
  if (!before || !after) return [];
  const fields = [
    'inputFormat',
    'input',
    'reference',
    'category',
    'groupId',
    'tags',
    'metadata',
  ] as const;
  return fields.filter((f) => canonicalJson(before[f]) !== canonicalJson(after[f]));
}

function describeFiles(paths: string[]): string {
  const first = basename(paths[0] ?? '');
  return paths.length > 1 ? `${first} and ${paths.length - 1} more` : first;
}

export const datasetHandlers = {
  'datasets.list': (_input, ctx) => ctx.repos.datasets.list(),
  'datasets.versions': ({ datasetId }, ctx) => ctx.repos.datasets.versions(datasetId),
  'datasets.items': ({ versionId, page }, ctx) => {
    const version = frozenVersion(ctx, versionId);
    const { offset, limit } = page ?? { offset: 0, limit: 100 };
    return { total: version.itemCount, items: ctx.repos.datasets.items(versionId, offset, limit) };
  },
  'datasets.version': ({ versionId }, ctx) => {
    const version = frozenVersion(ctx, versionId);
    const privacy = versionPrivacy(ctx, versionId);
    return {
      ...version,
      datasetName: privacy.datasetName,
      source: ctx.repos.datasets.versionSource(versionId),
      hasPersonalData: privacy.isPersonal,
    };
  },
  'datasets.preview': ({ paths, settings, limit }) => previewImport(paths, settings ?? {}, limit),
  'datasets.import': (input, ctx) => {
    const { jobId } = startDatasetJob(
      ctx,
      'import',
      // A dry run is the wizard's "Check the whole file": the tray says so, not "Import" twice.
      `${input.dryRun ? 'Check' : 'Import'} ${describeFiles(input.paths)} → ${input.datasetName}`,
      async (control) => {
        const outcome = await runImport(
          ctx,
          {
            ...input.settings,
            paths: input.paths,
            datasetName: input.datasetName,
            description: input.description,
            note: input.note,
            skipBadRows: input.skipBadRows,
            dryRun: input.dryRun,
          },
          control,
        );
        if (
          outcome.status === 'imported' &&
          outcome.datasetId &&
          outcome.versionId &&
          outcome.contentHash
        ) {
          announce(
            ctx,
            {
              datasetId: outcome.datasetId,
              versionId: outcome.versionId,
              version: outcome.version ?? 0,
              contentHash: outcome.contentHash,
              itemCount: outcome.itemCount,
            },
            'imported',
          );
        }
        return outcome;
      },
      [input.datasetName],
    );
    return { jobId };
  },
  'datasets.jobResult': ({ jobId }, ctx) => datasetJobResult(ctx, jobId),
  'datasets.diff': ({ fromVersionId, toVersionId, page }, ctx) => {
    frozenVersion(ctx, fromVersionId);
    frozenVersion(ctx, toVersionId);
    const counts = ctx.repos.datasets.diffCounts(fromVersionId, toVersionId);
    const { offset, limit } = page ?? { offset: 0, limit: 100 };
    const entries = ctx.repos.datasets
      .diffPage(fromVersionId, toVersionId, offset, limit)
      .map((entry) => ({ ...entry, fields: changedFields(entry.before, entry.after) }));
    return { counts, total: counts.added + counts.removed + counts.changed, entries };
  },
  'datasets.edit': async (input, ctx) => {
    const written = await editVersion(ctx, input);
    announce(ctx, written, 'edited');
    return written;
  },
  'datasets.derive': (input, ctx) => {
    const source = frozenVersion(ctx, input.sourceVersionId);
    const { jobId } = startDatasetJob(
      ctx,
      'derive',
      `${input.operation.kind} of v${source.version}${input.targetDataset ? ` → ${input.targetDataset}` : ''}`,
      async (control) => {
        const outcome = await deriveVersion(ctx, input, control);
        if (outcome.written) announce(ctx, outcome.written, 'derived');
        return outcome;
      },
      datasetNamesOf(ctx, source.datasetId, input.targetDataset),
    );
    return { jobId };
  },
  'datasets.folds': ({ versionId, k, salt }, ctx) => {
    frozenVersion(ctx, versionId);
    const counts = foldCounts(
      ctx.repos.datasets.itemKeys(versionId).map((i) => i.key),
      k,
      salt,
    );
    return counts.map((count, index) => ({ name: foldName(index), index, count }));
  },
  'datasets.scanPii': ({ versionId }, ctx) => {
    const version = frozenVersion(ctx, versionId);
    const { jobId } = startDatasetJob(
      ctx,
      'pii-scan',
      `Privacy scan of v${version.version}`,
      async (control) => {
        const summary = await scanVersion(ctx, versionId, control);
        ctx.events.emit('workspace.changed', { domain: 'datasets', reason: 'pii-scanned' });
        return summary;
      },
      datasetNamesOf(ctx, version.datasetId),
    );
    return { jobId };
  },
  'datasets.pii': ({ versionId, page }, ctx) => {
    frozenVersion(ctx, versionId);
    const repo = new PiiRepo(ctx.db);
    const scan = repo.latestScan(versionId);
    if (!scan) return { scan: null, findings: [], total: 0 };
    const { offset, limit } = page ?? { offset: 0, limit: 100 };
    return {
      scan: {
        scanId: scan.id,
        versionId,
        detectors: scan.detectors,
        itemCount: scan.itemCount,
        flaggedCount: scan.flaggedCount,
        findingCount: scan.findingCount,
        byDetector: repo.findingsByDetector(scan.id),
        scannedAt: scan.scannedAt,
      },
      findings: repo.findings(scan.id, offset, limit),
      total: scan.findingCount,
    };
  },
  'datasets.detectors': () =>
    piiDetectors.map(({ id, label, description, replacement }) => ({
      id,
      label,
      description,
      replacement,
    })),
  'datasets.setPolicy': ({ datasetId, allowCloud, markedPersonal }, ctx) => {
    if (!ctx.repos.datasets.get(datasetId)) throw notFound('dataset', datasetId);
    ctx.db.transaction(() =>
      ctx.repos.datasets.setPolicy(datasetId, { allowCloud, markedPersonal }),
    );
    const dataset = ctx.repos.datasets.get(datasetId);
    if (!dataset) throw notFound('dataset', datasetId);
    ctx.logger.info('dataset privacy policy changed', {
      dataset: dataset.name,
      allowCloud: dataset.allowCloud,
      markedPersonal: dataset.isMarkedPersonal,
    });
    ctx.events.emit('dataset.policyChanged', {
      datasetId,
      allowCloud: dataset.allowCloud,
      isPersonal: dataset.isPersonal,
    });
    return dataset;
  },
  'datasets.contamination': (input, ctx) => {
    const version = frozenVersion(ctx, input.versionId);
    const corpus = resolve(input.corpusPath);
    if (!existsSync(corpus) || !statSync(corpus).isFile()) {
      throw new ApiError('bad_request', `corpus file not found: ${input.corpusPath}`);
    }
    // Resolved (and checked by the privacy guard) before the job starts: a refusal is immediate.
    const embedder = input.embedding
      ? embeddingAdapter(ctx, input.versionId, input.embedding).adapter
      : undefined;
    const { jobId } = startDatasetJob(
      ctx,
      'contamination',
      `Contamination of v${version.version} vs ${basename(corpus)}`,
      async (control) => {
        try {
          return await checkContamination(ctx, input, control, embedder);
        } finally {
          await embedder?.close?.();
        }
      },
      datasetNamesOf(ctx, version.datasetId),
    );
    return { jobId };
  },
  'datasets.deletePreview': (target, ctx) => previewDatasetRemoval(ctx, target),
  'datasets.delete': (target, ctx) => removeDatasetTarget(ctx, target),
  'datasets.interruptedDeletions': (_input, ctx) => interruptedDatasetRemovals(ctx),
  'datasets.finishDelete': ({ datasetId }, ctx) => finishDatasetRemoval(ctx, datasetId),
  'datasets.export': (input, ctx) => {
    const version = frozenVersion(ctx, input.versionId);
    const path = resolve(input.path);
    if (!input.overwrite && existsSync(path)) {
      throw new ApiError(
        'conflict',
        `${input.path} already exists (allow overwriting to replace it)`,
      );
    }
    const { jobId } = startDatasetJob(
      ctx,
      'export',
      `Export v${version.version} as ${input.format.toUpperCase()}`,
      (control) => exportVersion(ctx, input, control),
      datasetNamesOf(ctx, version.datasetId),
    );
    return { jobId };
  },
} satisfies HandlersFor<typeof datasetRoutes>;
