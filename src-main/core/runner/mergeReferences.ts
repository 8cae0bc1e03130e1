/**
 * What a merged run points at, found in the target workspace or copied into it from the first
 * shard's workspace: the suite text, the frozen dataset version (with its items), the prompt
 * templates and the configured providers. Everything is matched by content (hashes) or, for
 * providers, by label; ids are the target's own. Secrets are never read or copied: a provider
 * names its secret, the target supplies the value (environment or key store) when it resumes.
 */
import type { CoreContext } from '../context';
import { DatasetsRepo } from '../db/repos/datasets';
import { ProvidersRepo } from '../db/repos/providers';
import { RunsRepo } from '../db/repos/runs';
import { SuitesRepo } from '../db/repos/suites';
import { toNewItem } from '../datasets/derive/copyItems';
import {
  DuplicateItemKeyError,
  VersionDraft,
  type NewItem,
  type WrittenVersion,
} from '../datasets/versionWriter';
import { providersRepo } from '../providers/workspaceProviders';
import { storeSuiteText } from '../suites/storeSuite';
import { BatchSizer } from '../util/batchSizer';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import type { RunManifest } from './manifest';
import type { MergeMeter } from './mergeProgress';
import { MergeTargetRepo } from './mergeRepo';
import { MergeRefusedError, type ShardRun } from './shardSources';

/** The target's suite with the shards' suite hash, stored from the shard's text if new. */
export function ensureSuite(ctx: CoreContext, ref: ShardRun): { id: string; isNew: boolean } {
  const expected = ref.manifest.suite.contentHash;
  const existing = ctx.repos.suites.findByHash(expected);
  if (existing) return { id: existing.id, isNew: false };
  const suite = new SuitesRepo(ref.source.db).get(ref.run.suite_id);
  if (!suite) throw new Error(`${ref.source.path}: run ${ref.run.id} has no stored suite`);
  const stored = storeSuiteText(ctx, suite.yaml, suite.sourcePath);
  if (stored.contentHash !== expected)
    throw new Error(
      `${ref.source.path}: the stored suite text of run ${ref.run.id} does not match its hash`,
    );
  return { id: stored.id, isNew: stored.isNew };
}

export interface TargetVersion {
  id: string;
  version: number;
  datasetName: string;
  isCopied: boolean;
}

/** The version's items as the shard stored them (read in pages: no statement stays open). */
function* sourceItems(ref: ShardRun): Generator<NewItem> {
  for (const item of new DatasetsRepo(ref.source.db).iterateItems(ref.manifest.dataset.versionId))
    yield { ...toNewItem(item), hasPersonalData: item.hasPersonalData };
}

/** Up to `size` more items of `items` (fewer only at its end). */
function take(items: Iterator<NewItem>, size: number): NewItem[] {
  const chunk: NewItem[] = [];
  while (chunk.length < size) {
    const next = items.next();
    if (next.done) break;
    chunk.push(next.value);
  }
  return chunk;
}

/**
 * Writes the shard's version into the target as a draft, chunk by chunk, then hashes it, chunk
 * by chunk too (phase `datasetHash`), and freezes it. Each chunk is a savepoint inside the merge's transaction, followed by a report
 * and a turn of the event loop, so progress shows and a cancel stops the copy between two
 * chunks (the merge then rolls back, draft and all). Chunks are sized to a few ms each
 * (`BatchSizer`) unless `chunkRows` fixes their size.
 */
async function copyVersion(
  ctx: CoreContext,
  ref: ShardRun,
  meter: MergeMeter,
  chunkRows: number | undefined,
): Promise<WrittenVersion> {
  const { contentHash, name, versionId } = ref.manifest.dataset;
  const draft = VersionDraft.open(ctx.db, ctx.repos.datasets, {
    datasetName: name,
    source: {
      kind: 'merge',
      fromWorkspace: ref.source.path,
      fromVersionId: versionId,
      contentHash,
    },
    note: `copied by yardstick merge from ${ref.source.path}`,
  });
  const items = sourceItems(ref);
  const sizer = new BatchSizer(
    chunkRows === undefined ? undefined : Math.max(1, Math.floor(chunkRows)),
  );
  for (;;) {
    const started = performance.now();
    const chunk = take(items, sizer.size);
    if (chunk.length === 0) break;
    const first = draft.addBatch(chunk)[0];
    if (first !== undefined) throw new DuplicateItemKeyError((chunk[first] as NewItem).key);
    sizer.took(chunk.length, performance.now() - started);
    meter.count(chunk.length);
    await meter.report();
  }
  await meter.end();
  // The re-hash is chunked too (a 200,000-item version hashes for ~160 ms): its own phase.
  meter.begin('datasetHash', draft.itemCount);
  let reported = 0;
  return draft.freezeInChunks({
    chunkRows,
    afterChunk: async (hashed) => {
      meter.count(hashed - reported);
      reported = hashed;
      await meter.report();
    },
  });
}

/**
 * The frozen version with the shards' dataset hash: found in the target (in the dataset of
 * the same name first), else copied there from the shard's items (`copyVersion`), which
 * hashes them again, so a copy that came out different is refused.
 */
export async function ensureDatasetVersion(
  ctx: CoreContext,
  ref: ShardRun,
  meter: MergeMeter,
  options: { chunkRows?: number | undefined } = {},
): Promise<TargetVersion> {
  const { contentHash, name } = ref.manifest.dataset;
  const found = new MergeTargetRepo(ctx.db).frozenVersionByHash(contentHash, name);
  if (found) {
    meter.begin('dataset', 0);
    await meter.end();
    meter.begin('datasetHash', 0);
    await meter.end();
    return {
      id: found.id,
      version: found.version,
      datasetName: found.dataset_name,
      isCopied: false,
    };
  }
  const itemCount = new DatasetsRepo(ref.source.db).countItems(ref.manifest.dataset.versionId);
  meter.addRows(itemCount);
  meter.begin('dataset', itemCount);
  const written = await copyVersion(ctx, ref, meter, options.chunkRows);
  await meter.end();
  if (written.contentHash !== contentHash)
    throw new Error(
      `${ref.source.path}: the copy of dataset ${name} v${ref.manifest.dataset.version} hashes ` +
        `to ${written.contentHash}, not ${contentHash}`,
    );
  return { id: written.versionId, version: written.version, datasetName: name, isCopied: true };
}

/** The manifest's prompts with the target's template ids (content-addressed, inserted if new). */
export function ensurePrompts(ctx: CoreContext, ref: ShardRun): RunManifest['prompts'] {
  const stored = new Map(
    new RunsRepo(ref.source.db).prompts(ref.run.id).map((p) => [p.prompt_key, p]),
  );
  const createdAt = nowIso();
  return ref.manifest.prompts.map((prompt) => {
    const source = stored.get(prompt.id);
    if (!source || source.content_hash !== prompt.contentHash)
      throw new Error(
        `${ref.source.path}: run ${ref.run.id} lacks the template of prompt ${prompt.id}`,
      );
    const templateId = ctx.repos.promptTemplates.ensure({
      id: newId('prompt'),
      name: prompt.id,
      content: source.content,
      contentHash: source.content_hash,
      createdAt,
    });
    return { ...prompt, templateId };
  });
}

/**
 * Source provider id → target provider id, for the configured providers the run's models
 * used: the target's provider with the same label (of the same kind), else a copy of the
 * source's row — kind, label, endpoint, config and the *name* of its secret, never a value.
 */
export function ensureProviders(ctx: CoreContext, ref: ShardRun): Map<string, string> {
  const mapped = new Map<string, string>();
  const source = new ProvidersRepo(ref.source.db);
  const target = providersRepo(ctx);
  for (const model of ref.manifest.models) {
    const id = model.provider.providerId;
    if (id === null || mapped.has(id)) continue;
    const record = source.get(id);
    if (!record)
      throw new Error(
        `${ref.source.path}: provider ${id} of model ${model.id} is not in the workspace`,
      );
    const existing = target.getByLabel(record.label);
    if (existing && existing.kind !== record.kind)
      throw new MergeRefusedError(
        'mismatch',
        `the target workspace has a provider "${record.label}" of kind ${existing.kind}; ` +
          `the shards used one of kind ${record.kind}: rename one of them first`,
      );
    if (existing) {
      mapped.set(id, existing.id);
      continue;
    }
    const at = nowIso();
    const copy = { ...record, id: newId('provider'), createdAt: at, updatedAt: at };
    target.insert(copy);
    mapped.set(id, copy.id);
  }
  return mapped;
}
