import type { z } from 'zod';
import type { DeriveOperation, DeriveOutcome } from '@contract/routes/datasets';
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import type { JobControl } from '../../jobs/jobManager';
import { redactItemFields } from '../privacy/redact';
import { findInText } from '../privacy/scan';
import type { NewItem } from '../versionWriter';
import { toNewItem, writeVersionFrom } from './copyItems';
import { findDuplicates } from './dedup';
import { foldIndex, foldIndexOf } from './folds';
import { SamplingError, stratifiedSample } from './sampling';

type Operation = z.output<typeof DeriveOperation>;

export interface DeriveRequest {
  sourceVersionId: string;
  operation: Operation;
  targetDataset?: string | undefined;
  note?: string | null | undefined;
  dryRun: boolean;
}

interface Selection {
  /** Keys kept (null: all, possibly rewritten). */
  keys: Set<string> | null;
  rewrite?: (item: NewItem) => NewItem;
  details: Record<string, unknown>;
}

function dedupText(
  item: { input: string; reference: string | null },
  fields: 'input' | 'input+reference',
) {
  return fields === 'input' ? item.input : `${item.input}\n${item.reference ?? ''}`;
}

function select(ctx: CoreContext, versionId: string, op: Operation): Selection {
  const repo = ctx.repos.datasets;
  switch (op.kind) {
    case 'fold': {
      const wanted = new Set(op.folds.map(foldIndexOf));
      if ([...wanted].some((f) => f >= op.k))
        throw new ApiError('bad_request', `folds must be among the first ${op.k} letters`);
      const keys = new Set(
        repo
          .itemKeys(versionId)
          .filter((i) => wanted.has(foldIndex(i.key, op.k, op.salt)) !== op.complement)
          .map((i) => i.key),
      );
      return {
        keys,
        details: { k: op.k, folds: op.folds, salt: op.salt, complement: op.complement },
      };
    }
    case 'sample': {
      try {
        const { keys, strata } = stratifiedSample(repo.itemKeys(versionId), op);
        return {
          keys,
          details: {
            seed: op.seed,
            size: op.size,
            minPerCategory: op.minPerCategory,
            oversampleRare: op.oversampleRare,
            stratify: op.stratify,
            strata,
          },
        };
      } catch (error) {
        if (error instanceof SamplingError) throw new ApiError('bad_request', error.message);
        throw error;
      }
    }
    case 'dedup': {
      const items = [...repo.iterateItems(versionId)].map((i) => ({
        key: i.key,
        text: dedupText(i, op.fields),
      }));
      const groups = findDuplicates(items, op.mode, op.threshold);
      const removed = new Set(groups.flatMap((g) => g.removed));
      return {
        keys: new Set(items.filter((i) => !removed.has(i.key)).map((i) => i.key)),
        details: {
          mode: op.mode,
          threshold: op.threshold,
          fields: op.fields,
          groupCount: groups.length,
          removedCount: removed.size,
          groups: groups.slice(0, 1000),
        },
      };
    }
    case 'redact': {
      const counts: Record<string, number> = {};
      return {
        keys: null,
        rewrite: (item) => {
          for (const text of [item.input, item.reference ?? '']) {
            for (const match of findInText(text))
              counts[match.detector.id] = (counts[match.detector.id] ?? 0) + 1;
          }
          return {
            ...item,
            ...redactItemFields({
              inputFormat: item.inputFormat ?? 'text',
              input: item.input,
              reference: item.reference,
              metadata: item.metadata ?? {},
            }),
          };
        },
        details: { replacedByDetector: counts },
      };
    }
  }
}

/**
 * A version derived from another: a fold of a K-fold split, a seeded stratified sample, a
 * de-duplicated or a redacted copy. The source is recorded as parent; the operation, its
 * parameters (the seed included) and what it found go into the new version's `source`.
 */
export async function deriveVersion(
  ctx: CoreContext,
  request: DeriveRequest,
  control: JobControl,
): Promise<DeriveOutcome> {
  const source = ctx.repos.datasets.version(request.sourceVersionId);
  if (!source?.isFrozen) throw notFound('dataset version', request.sourceVersionId);
  const dataset = ctx.repos.datasets.get(source.datasetId);
  if (!dataset) throw notFound('dataset', source.datasetId);
  const selection = select(ctx, source.id, request.operation);
  const selectedCount = selection.keys ? selection.keys.size : source.itemCount;
  if (request.dryRun)
    return {
      written: null,
      sourceItemCount: source.itemCount,
      selectedCount,
      details: selection.details,
    };
  if (selectedCount === 0) throw new ApiError('bad_request', 'the operation selects no items');
  const from = {
    versionId: source.id,
    dataset: dataset.name,
    version: source.version,
    contentHash: source.contentHash,
  };
  const items = function* (): Generator<NewItem> {
    for (const item of ctx.repos.datasets.iterateItems(source.id)) {
      if (selection.keys && !selection.keys.has(item.key)) continue;
      const copy = toNewItem(item);
      yield selection.rewrite ? selection.rewrite(copy) : copy;
    }
  };
  const written = await writeVersionFrom(
    ctx,
    {
      datasetName: request.targetDataset ?? dataset.name,
      parentId: source.id,
      source: { kind: 'derived', operation: request.operation, from },
      note: request.note ?? null,
    },
    items(),
    {
      signal: control.signal,
      onProgress: (n) => control.progress(n, selectedCount),
      finalSource: () => ({
        kind: 'derived',
        operation: request.operation,
        from,
        details: selection.details,
      }),
    },
  );
  return { written, sourceItemCount: source.itemCount, selectedCount, details: selection.details };
}
