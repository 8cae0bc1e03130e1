/**
 * Providers as a workspace keeps them: configured instances in the `providers` table (keys by
 * secret name only), their summaries for the UI, "test connection", detection of local
 * servers, and the resolution of a provider name in a suite to a kind and config.
 */
import type {
  ConnectionTestResult,
  DetectedServerInfo,
  ProviderSummary,
} from '@contract/routes/providers';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { ProvidersRepo, type ProviderRecord } from '../db/repos/providers';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { detectLocalServers, type DetectOptions } from './detect';
import { providerLimits, setProviderLimits } from './providerLimits';
import { perCore } from '../util/perCore';
import { unloadLocalModels } from './local/llamaRuntime';
import { resolveCompatible, type OpenAiCompatibleConfig } from './openaiCompatible';
import {
  ProviderConfigError,
  providerRegistry,
  resolveProviderName,
  UnknownProviderError,
  type ProviderRegistry,
} from './registry';
import type { ProviderDeps } from './types';

export const providersRepo = perCore((ctx) => new ProvidersRepo(ctx.db));

/** Keys come from the secret store (environment first); the adapter never sees the store. */
export function providerDeps(ctx: CoreContext): ProviderDeps {
  return { secret: (name) => ctx.secrets.get(name) };
}

/** Config problems as API errors naming each field (`config.baseUrl: …`). */
function parseConfig(kind: string, config: unknown, registry: ProviderRegistry): unknown {
  try {
    return registry.parseConfig(kind, config);
  } catch (error) {
    if (error instanceof UnknownProviderError) throw new ApiError('bad_request', error.message);
    if (error instanceof ProviderConfigError) {
      throw new ApiError(
        'bad_request',
        error.message,
        error.issues.map((i) => ({ path: `config.${i.path}`, message: i.message })),
      );
    }
    throw error;
  }
}

/** Base URL, secret name and locality of a config, as the table stores them for display. */
function displayColumns(kind: string, parsed: unknown, registry: ProviderRegistry) {
  const definition = registry.get(kind);
  const c = parsed as { baseUrl?: string; endpoint?: string; apiKeySecret?: string };
  const compatible =
    kind === 'openai-compatible' ? resolveCompatible(parsed as OpenAiCompatibleConfig) : null;
  return {
    baseUrl: compatible?.baseUrl ?? c.baseUrl ?? c.endpoint ?? null,
    secretName: compatible
      ? (compatible.secretName ?? null)
      : (c.apiKeySecret ?? definition.secretName ?? null),
    isLocal: definition.capabilities(parsed).local,
  };
}

export function summarize(ctx: CoreContext, record: ProviderRecord): ProviderSummary {
  return {
    ...record,
    secret: record.secretName ? ctx.secrets.status(record.secretName) : null,
    limits: providerLimits(ctx, record.id),
  };
}

export function findProvider(ctx: CoreContext, idOrLabel: string): ProviderRecord | undefined {
  const repo = providersRepo(ctx);
  return repo.get(idOrLabel) ?? repo.getByLabel(idOrLabel);
}

export function addProvider(
  ctx: CoreContext,
  input: { kind: string; label: string; config: Record<string, unknown> },
  registry: ProviderRegistry = providerRegistry,
): ProviderSummary {
  const parsed = parseConfig(input.kind, input.config, registry);
  const repo = providersRepo(ctx);
  if (repo.getByLabel(input.label))
    throw new ApiError('conflict', `a provider named "${input.label}" already exists`);
  const now = nowIso();
  const record: ProviderRecord = {
    id: newId('provider'),
    kind: input.kind,
    label: input.label,
    config: input.config,
    ...displayColumns(input.kind, parsed, registry),
    createdAt: now,
    updatedAt: now,
  };
  repo.insert(record);
  return summarize(ctx, record);
}

export function updateProvider(
  ctx: CoreContext,
  input: {
    providerId: string;
    label?: string | undefined;
    config?: Record<string, unknown> | undefined;
  },
  registry: ProviderRegistry = providerRegistry,
): ProviderSummary {
  const repo = providersRepo(ctx);
  const existing = repo.get(input.providerId);
  if (!existing) throw notFound('provider', input.providerId);
  const label = input.label ?? existing.label;
  const other = repo.getByLabel(label);
  if (other && other.id !== existing.id)
    throw new ApiError('conflict', `a provider named "${label}" already exists`);
  const config = input.config ?? existing.config;
  const parsed = parseConfig(existing.kind, config, registry);
  const record: ProviderRecord = {
    ...existing,
    label,
    config,
    ...displayColumns(existing.kind, parsed, registry),
    updatedAt: nowIso(),
  };
  repo.update(record);
  return summarize(ctx, record);
}

export function removeProvider(ctx: CoreContext, providerId: string): boolean {
  const repo = providersRepo(ctx);
  if (!repo.get(providerId)) return false;
  if (repo.isReferenced(providerId))
    throw new ApiError(
      'conflict',
      `provider ${providerId} is used by stored runs and cannot be removed`,
    );
  const removed = repo.remove(providerId);
  if (removed) setProviderLimits(ctx, providerId, null);
  return removed;
}

const testTimeoutMs = 15_000;

/** Creates the adapter, lists models, closes it; never throws for a failed connection. */
export async function testProvider(
  ctx: CoreContext,
  kind: string,
  config: unknown,
  registry: ProviderRegistry = providerRegistry,
): Promise<ConnectionTestResult> {
  const parsed = parseConfig(kind, config, registry);
  const adapter = registry.get(kind).create(parsed, providerDeps(ctx));
  try {
    const test = await adapter.testConnection(AbortSignal.timeout(testTimeoutMs));
    return {
      ok: test.ok,
      message: ctx.redactor.apply(test.message),
      models: test.models ?? null,
      latencyMs: test.latencyMs ?? null,
    };
  } finally {
    await adapter.close?.();
    // A test loads the GGUF model into this (main) thread; runs load their own in the engine.
    if (kind === 'local') await unloadLocalModels();
  }
}

export async function detectServers(
  ctx: CoreContext,
  options: DetectOptions = {},
): Promise<DetectedServerInfo[]> {
  const found = await detectLocalServers(options);
  const configured = providersRepo(ctx).list();
  return found.map((server) => ({
    ...server,
    configuredProviderId:
      configured.find((p) => p.baseUrl !== null && sameServer(p.baseUrl, server.baseUrl))?.id ??
      null,
  }));
}

function sameServer(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    const local = (h: string) => (h === 'localhost' ? '127.0.0.1' : h);
    return local(x.hostname) === local(y.hostname) && x.port === y.port;
  } catch {
    return false;
  }
}

/**
 * A provider named in a suite: a configured provider (by label or id) first, then a kind id
 * (`openai`, `local`…) or an openai-compatible preset (`ollama`…). `overrides` (the suite's
 * own config for the model) are laid over the stored or preset config.
 */
export function resolveProviderRef(
  ctx: CoreContext,
  name: string,
  overrides: Record<string, unknown> = {},
  registry: ProviderRegistry = providerRegistry,
): { kind: string; config: Record<string, unknown>; providerId: string | null } {
  const configured = findProvider(ctx, name);
  if (configured)
    return {
      kind: configured.kind,
      config: { ...configured.config, ...overrides },
      providerId: configured.id,
    };
  const { kind, presetConfig } = resolveProviderName(name, registry);
  return { kind, config: { ...presetConfig, ...overrides }, providerId: null };
}
