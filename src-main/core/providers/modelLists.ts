/**
 * The models a configured provider offers, for pickers (New suite, the judge, the provider's
 * page). Listing is one GET of the provider's models endpoint (the same request as "test
 * connection"), kept per provider for a few minutes so that ticking a provider again or
 * opening another dialog does not ask the network again; `refresh` asks anyway. A provider
 * that cannot list answers with an `error` the UI shows beside a free-text model id: listing
 * never throws for a failed connection. A failure is kept too, for half a minute, so that a
 * provider that refuses or does not answer is not asked again by every picker that opens.
 */
import type { ProviderModelList } from '@contract/routes/providers';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import type { ProviderRecord } from '../db/repos/providers';
import { perCore } from '../util/perCore';
import { nowIso } from '../util/time';
import { findLocalModel } from './local/modelResolver';
import { providerRegistry } from './registry';
import { ProviderError } from './types';
import { testProvider } from './workspaceProviders';

/** How long a fetched list is reused: long enough for one dialog, short enough to see new models. */
export const modelListTtlMs = 5 * 60_000;

/**
 * How long a failed listing (refused key, nothing listening) is reused: pickers opening meanwhile
 * show it without asking a failing server again; Retry (`refresh`) asks at once.
 */
export const modelListFailureTtlMs = 30_000;

interface Entry {
  /** The provider's config and key as fetched with (`versionOf`): an edit fetches again. */
  version: string;
  /** When the answer came (while it is awaited, when it was asked for). */
  at: number;
  /** How long the answer is reused; while it is awaited, every ask shares it. */
  keepMs: number | 'pending';
  answer: Promise<ProviderModelList>;
}

const cacheOf = perCore(() => new Map<string, Entry>());

const failed = (error: string): ProviderModelList => ({
  models: [],
  fetchedAt: nowIso(),
  error,
});

function sorted(models: readonly string[]): string[] {
  return [...new Set(models)].sort((a, b) => a.localeCompare(b, 'en'));
}

/**
 * The in-process model: `default` (the GGUF the provider resolves: its `modelPath`, else
 * YARDSTICK_LOCAL_MODEL, else the downloaded default) and that file's path. Nothing is loaded.
 */
function localModels(record: ProviderRecord): ProviderModelList {
  const config = providerRegistry.parseConfig('local', record.config) as { modelPath?: string };
  try {
    const found = findLocalModel({ explicitPath: config.modelPath });
    if (!found)
      return failed(
        'No local GGUF model yet: “default” downloads the default model on first use, or set YARDSTICK_LOCAL_MODEL to a GGUF file.',
      );
    return { models: ['default', found.path], fetchedAt: nowIso(), error: null };
  } catch (error) {
    return failed(error instanceof ProviderError ? error.message : String(error));
  }
}

async function fetchModels(ctx: CoreContext, record: ProviderRecord): Promise<ProviderModelList> {
  // Azure's models endpoint lists base models; suites name deployments, which it does not list.
  if (record.kind === 'azure-openai')
    return failed(
      'Azure OpenAI does not list deployments: type the deployment name (Azure portal → your resource → Deployments).',
    );
  if (record.kind === 'local') return localModels(record);
  try {
    const test = await testProvider(ctx, record.kind, record.config);
    if (!test.ok) return failed(test.message);
    if (!test.models?.length)
      return failed(`${record.label} answered with no models: type the model id.`);
    return { models: sorted(test.models), fetchedAt: nowIso(), error: null };
  } catch (error) {
    // A stored config the kind no longer accepts: say which field, as "test connection" would.
    if (error instanceof ApiError) return failed(ctx.redactor.apply(error.message));
    throw error;
  }
}

/**
 * Changes when the provider's config or its key does. The key counts by its revision in the
 * secret store (a stamp of the stored write, or an HMAC of an environment variable's value), so
 * a new key ending in the same four characters still fetches again, while asking again with the
 * same key unseals nothing: the key is read only when the list is fetched.
 */
function versionOf(ctx: CoreContext, record: ProviderRecord): string {
  if (!record.secretName) return record.updatedAt;
  return `${record.updatedAt}|${ctx.secrets.revision(record.secretName)}`;
}

/**
 * How long an answer is kept. The local model's failure is not: it costs no request, and a
 * download finishing meanwhile must show at the next ask.
 */
function keepMsOf(record: ProviderRecord, answer: ProviderModelList): number {
  if (answer.error === null) return modelListTtlMs;
  return record.kind === 'local' ? 0 : modelListFailureTtlMs;
}

function isFresh(entry: Entry, version: string, now: number): boolean {
  if (entry.version !== version) return false;
  return entry.keepMs === 'pending' || now - entry.at < entry.keepMs;
}

/**
 * The provider's model ids: from the cache when answered for the same config and key less than
 * `modelListTtlMs` ago (a failure: `modelListFailureTtlMs`), else fetched now; `refresh` always
 * fetches. Asks that arrive while a fetch is under way share it.
 */
export function providerModels(
  ctx: CoreContext,
  record: ProviderRecord,
  options: { refresh?: boolean; now?: () => number } = {},
): Promise<ProviderModelList> {
  const now = options.now ?? Date.now;
  const cache = cacheOf(ctx);
  const cached = cache.get(record.id);
  const version = versionOf(ctx, record);
  if (cached && !options.refresh && isFresh(cached, version, now())) return cached.answer;
  const entry: Entry = {
    version,
    at: now(),
    keepMs: 'pending',
    answer: fetchModels(ctx, record),
  };
  cache.set(record.id, entry);
  void entry.answer.then(
    (answer) => {
      entry.at = now();
      entry.keepMs = keepMsOf(record, answer);
    },
    () => {
      // An unexpected throw (not a failed connection) is not kept: the next ask tries again.
      if (cache.get(record.id) === entry) cache.delete(record.id);
    },
  );
  return entry.answer;
}

/** Forgets a provider's list (it was removed or its key changed). */
export function forgetProviderModels(ctx: CoreContext, providerId: string): void {
  cacheOf(ctx).delete(providerId);
}
