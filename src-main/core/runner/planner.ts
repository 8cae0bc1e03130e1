import type { CoreContext } from '../context';
import type { PlanItemRow } from '../db/repos/runInputs';
import { createRandom, seedFromString } from '../stats/random';
import type { CheckedSuite } from '../suites/validate';
import { canonicalJson, hashJson, sha256Hex } from '../util/hash';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { effectiveParams, manifestHash, type RunManifest } from './manifest';
import { limitsWithProviderDefaults } from './laneLimits';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface PlanOptions {
  name?: string;
  shard?: Shard | null;
  /** Use only the first N items (overrides the suite's dataset.limit when smaller). */
  limit?: number | null;
  /** Overrides run.concurrency. */
  concurrency?: number | null;
}

export interface PlannedRun {
  runId: string;
  cellCount: number;
  manifest: RunManifest;
  manifestHash: string;
}

/** Stable cell id: the same run, item, prompt, model and repeat always give the same id. */
export function cellId(
  runId: string,
  itemKey: string,
  promptId: string,
  modelId: string,
  repeat: number,
) {
  return `c_${sha256Hex([runId, itemKey, promptId, modelId, String(repeat)].join('\u0000')).slice(0, 32)}`;
}

/** Which shard (1-based) an item belongs to: by a hash of its key, so all its cells go together. */
export function shardOf(itemKey: string, count: number): number {
  return (Number.parseInt(sha256Hex(itemKey).slice(0, 8), 16) % count) + 1;
}

/**
 * Seeded Fisher–Yates permutation of 0..n-1 (the algorithm of `shuffled` in stats/random,
 * on a typed array so a million cells cost 4 MB, not a million objects).
 */
export function orderPermutation(n: number, seed: number | null): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (seed === null) return perm;
  const random = createRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = perm[i] as number;
    perm[i] = perm[j] as number;
    perm[j] = t;
  }
  return perm;
}

function buildManifest(
  ctx: Pick<CoreContext, 'appVersion' | 'repos'>,
  checked: CheckedSuite,
  suite: { id: string; contentHash: string },
  items: { used: number; limit: number | null; shard: Shard | null },
  prompts: RunManifest['prompts'],
  orderSeed: number | null,
  concurrency: number,
): RunManifest {
  const s = checked.suite;
  return {
    format: 1,
    appVersion: ctx.appVersion,
    suite: { id: suite.id, name: s.name, contentHash: suite.contentHash },
    dataset: {
      name: checked.datasetName,
      versionId: checked.version.id,
      version: checked.version.version,
      contentHash: checked.version.content_hash,
      versionItemCount: checked.version.item_count,
      itemCount: items.used,
      limit: items.limit,
      shard: items.shard,
    },
    prompts,
    models: s.models.map((model) => {
      const provider = checked.providers.get(model.id);
      if (!provider) throw new Error(`model ${model.id} has no resolved provider`);
      return {
        id: model.id,
        providerName: model.provider,
        provider,
        model: model.model,
        params: effectiveParams(s.params, model.params),
        stream: (model.stream ?? s.run.stream) && provider.isStreaming,
      };
    }),
    scorers: s.scorers.map((scorer) => ({
      id: scorer.id,
      type: scorer.type,
      field: scorer.field ?? null,
      configHash: hashJson({
        type: scorer.type,
        field: scorer.field ?? null,
        config: scorer.config ?? {},
      }),
    })),
    criteria: { hash: hashJson(s.criteria), items: s.criteria },
    repeats: s.repeats,
    seeds: { order: orderSeed, perRepeat: 'seed + repeat' },
    options: {
      concurrency,
      providers: limitsWithProviderDefaults(ctx, checked),
      timeoutMs: s.run.timeout_ms,
      retries: s.run.retries,
      cache: s.run.cache,
      circuitBreaker: {
        failures: s.run.circuit_breaker.failures,
        cooldownMs: s.run.circuit_breaker.cooldown_ms,
        maxOpens: s.run.circuit_breaker.max_opens,
      },
    },
  };
}

function selectItems(ctx: Pick<CoreContext, 'repos'>, checked: CheckedSuite, options: PlanOptions) {
  const limit = Math.min(checked.itemCount, options.limit ?? Infinity);
  let items: PlanItemRow[] = ctx.repos.runInputs.planItems(checked.version.id, limit);
  const shard = options.shard ?? null;
  if (shard) items = items.filter((item) => shardOf(item.item_key, shard.count) === shard.index);
  const explicitLimit = checked.suite.dataset.limit ?? options.limit ?? null;
  return { items, limit: explicitLimit === null ? null : limit, shard };
}

/**
 * Expands a checked suite into a run: every cell (item × prompt × model × repeat) with a
 * stable id and its place in a seeded shuffled order, the run's models (effective params as
 * sent), prompts and manifest — all in one transaction, before the first request.
 */
export function planRun(
  ctx: Pick<CoreContext, 'db' | 'repos' | 'appVersion'>,
  checked: CheckedSuite,
  suite: { id: string; contentHash: string },
  options: PlanOptions = {},
): PlannedRun {
  const s = checked.suite;
  const runId = newId('run');
  const { items, limit, shard } = selectItems(ctx, checked, options);
  if (items.length === 0) throw new Error('the run has no items (check dataset.limit and --shard)');
  const orderSeed = s.run.shuffle ? (s.run.shuffle_seed ?? seedFromString(runId)) : null;
  const createdAt = nowIso();
  return ctx.db.transaction(() => {
    const prompts = s.prompts.map((prompt) => {
      const content = canonicalJson(prompt.messages);
      const contentHash = sha256Hex(content);
      const templateId = ctx.repos.promptTemplates.ensure({
        id: newId('prompt'),
        name: prompt.id,
        content,
        contentHash,
        createdAt,
      });
      return { id: prompt.id, templateId, contentHash };
    });
    const concurrency = options.concurrency ?? s.run.concurrency;
    const manifest = buildManifest(
      ctx,
      checked,
      suite,
      { used: items.length, limit, shard },
      prompts,
      orderSeed,
      concurrency,
    );
    const hash = manifestHash(manifest);
    ctx.repos.runs.insert({
      id: runId,
      // To the second: two runs of a suite started in the same minute are told apart.
      name: options.name ?? `${s.name} ${createdAt.slice(0, 19).replace('T', ' ')}`,
      suiteId: suite.id,
      datasetVersionId: checked.version.id,
      manifest: JSON.stringify(manifest),
      manifestHash: hash,
      createdAt,
    });
    for (const prompt of prompts) ctx.repos.runs.insertPrompt(runId, prompt.id, prompt.templateId);
    for (const model of manifest.models)
      ctx.repos.runs.insertModel({
        run_id: runId,
        model_key: model.id,
        provider_kind: model.provider.kind,
        provider_id: model.provider.providerId,
        model: model.model,
        params: JSON.stringify({ ...model.params, stream: model.stream }),
      });
    const cellCount = insertCells(ctx, runId, items, manifest, orderSeed, createdAt);
    return { runId, cellCount, manifest, manifestHash: hash };
  });
}

function insertCells(
  ctx: Pick<CoreContext, 'repos'>,
  runId: string,
  items: readonly PlanItemRow[],
  manifest: RunManifest,
  orderSeed: number | null,
  createdAt: string,
): number {
  const { prompts, models, repeats } = manifest;
  const total = items.length * prompts.length * models.length * repeats;
  const perm = orderPermutation(total, orderSeed);
  // Rows are inserted in run order, so the engine settles them in storage order: each batch of
  // results then touches a few neighbouring pages instead of hundreds of scattered ones.
  for (let ordinal = 0; ordinal < total; ordinal++) {
    let index = perm[ordinal] as number;
    const repeat = index % repeats;
    index = (index - repeat) / repeats;
    const model = models[index % models.length] as RunManifest['models'][number];
    index = (index - (index % models.length)) / models.length;
    const prompt = prompts[index % prompts.length] as RunManifest['prompts'][number];
    const item = items[(index - (index % prompts.length)) / prompts.length] as PlanItemRow;
    ctx.repos.cells.insert({
      id: cellId(runId, item.item_key, prompt.id, model.id, repeat),
      runId,
      itemId: item.id,
      promptKey: prompt.id,
      modelKey: model.id,
      repeat,
      seed: model.params.seed === undefined ? null : model.params.seed + repeat,
      ordinal,
      updatedAt: createdAt,
    });
  }
  return total;
}
