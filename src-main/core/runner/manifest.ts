import type { SamplingParams } from '../providers/types';
import type { SamplingParamsSpec, SuiteSpec } from '../suites/schema';
import type { ResolvedProvider } from '../suites/validate';
import { hashJson } from '../util/hash';

/**
 * A run's manifest: everything needed to trace a number on screen back to what produced it
 * and to reproduce it — hashes of the dataset version, suite text, prompt templates and scorer
 * configs, the effective parameters of every model, the seeds, the options and the app
 * version. Stored as JSON with its hash (sha256 of its RFC 8785 canonical form). It holds no
 * secrets: providers name the secret they use, never its value.
 */
export interface RunManifest {
  format: 1;
  appVersion: string;
  suite: { id: string; name: string; contentHash: string };
  dataset: {
    name: string;
    versionId: string;
    version: number;
    contentHash: string;
    /** Items of the version, and the ones this run uses (after limit and shard). */
    versionItemCount: number;
    itemCount: number;
    limit: number | null;
    shard: { index: number; count: number } | null;
  };
  prompts: Array<{ id: string; templateId: string; contentHash: string }>;
  models: ManifestModel[];
  scorers: Array<{ id: string; type: string; field: string | null; configHash: string }>;
  criteria: { hash: string; items: SuiteSpec['criteria'] };
  repeats: number;
  seeds: {
    /** Seed of the shuffled cell order; null when the suite turned shuffling off. */
    order: number | null;
    /** Repeat r of a model with params.seed s is sent seed s + r. */
    perRepeat: 'seed + repeat';
  };
  options: {
    concurrency: number;
    providers: SuiteSpec['run']['providers'];
    timeoutMs: number;
    retries: number;
    cache: boolean;
    circuitBreaker: { failures: number; cooldownMs: number; maxOpens: number };
  };
  /** Set on a run written by `yardstick merge` (mergeShards.ts): the shard runs it folds. */
  mergedFrom?: MergedShard[];
  /** Shards a partial merge (`--allow-partial`) did not have; absent when none is missing. */
  missingShards?: number[];
}

/** One shard run folded into a merged run, as it was when merged. */
export interface MergedShard {
  shard: number;
  runId: string;
  manifestHash: string;
  status: string;
  /** Its cells that had a response (or were skipped) when merged: a re-merge after it progressed is allowed. */
  settledCells: number;
}

export interface ManifestModel {
  id: string;
  /** The name the suite used (a kind or a configured provider's label). */
  providerName: string;
  provider: ResolvedProvider;
  model: string;
  params: SamplingParams;
  stream: boolean;
}

/** Top-level params with the model's overrides, key by key (only keys that are set). */
export function effectiveParams(
  suiteParams: SamplingParamsSpec | undefined,
  modelParams: SamplingParamsSpec | undefined,
): SamplingParams {
  const merged = { ...(suiteParams ?? {}), ...(modelParams ?? {}) };
  const out: SamplingParams = {};
  if (merged.temperature !== undefined) out.temperature = merged.temperature;
  if (merged.top_p !== undefined) out.top_p = merged.top_p;
  if (merged.max_tokens !== undefined) out.max_tokens = merged.max_tokens;
  if (merged.seed !== undefined) out.seed = merged.seed;
  if (merged.stop !== undefined) out.stop = [...merged.stop];
  return out;
}

/** The params one repeat sends: the seed advanced by the repeat index. */
export function paramsForRepeat(params: SamplingParams, repeat: number): SamplingParams {
  return params.seed === undefined ? params : { ...params, seed: params.seed + repeat };
}

export function manifestHash(manifest: RunManifest): string {
  return hashJson(manifest);
}

export function parseManifest(text: string): RunManifest {
  const manifest = JSON.parse(text) as RunManifest;
  if (manifest.format !== 1)
    throw new Error(`unknown run manifest format ${String(manifest.format)}`);
  return manifest;
}
