import { statSync } from 'node:fs';
import { findLocalModel, localModelEnvVar } from '../providers/local/modelResolver';
import { isDefaultModelName } from '../providers/local/localProvider';
import { presetById } from '../providers/presets';
import {
  ProviderConfigError,
  providerRegistry,
  resolveProviderName,
  UnknownProviderError,
  type ProviderRegistry,
} from '../providers/registry';
import { ProviderError } from '../providers/types';
import type { ModelSpec } from '../suites/schema';
import type { ReportIssue } from '../suites/scoringHooks';
import type { ProviderCatalog, ResolvedProvider } from '../suites/validate';

/** A provider the user configured in the workspace (looked up by label). */
export interface ConfiguredProvider {
  id: string;
  kind: string;
  label: string;
  config: Record<string, unknown>;
}

function stringField(config: unknown, name: string): string | null {
  const value = (config as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' && value ? value : null;
}

/** The secret an adapter of this kind and config will read its key from, if any. */
function secretNameOf(registry: ProviderRegistry, kind: string, config: unknown): string | null {
  const explicit = stringField(config, 'apiKeySecret');
  if (explicit) return explicit;
  const preset = stringField(config, 'preset');
  if (preset) return presetById(preset)?.secretName ?? null;
  return registry.get(kind).secretName ?? null;
}

function baseUrlOf(config: unknown): string | null {
  const explicit = stringField(config, 'baseUrl');
  if (explicit) return explicit;
  const preset = stringField(config, 'preset');
  return preset ? (presetById(preset)?.baseUrl ?? null) : null;
}

/**
 * Pins an in-process model to its GGUF file at plan time, so the manifest says which file ran
 * and the cache key changes when the file does. Null when the default model still has to be
 * downloaded (the engine resolves it then).
 */
function localModelOf(
  model: ModelSpec,
  config: unknown,
  report: ReportIssue,
): { file: string; identity: string } | null {
  const configured = stringField(config, 'modelPath');
  const explicit = isDefaultModelName(model.model) ? (configured ?? undefined) : model.model;
  try {
    const found = findLocalModel({ explicitPath: explicit });
    if (!found) return null;
    const stat = statSync(found.path);
    return {
      file: found.path,
      identity: `gguf:${found.path}:${stat.size}:${Math.trunc(stat.mtimeMs)}`,
    };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const where = !isDefaultModelName(model.model)
      ? ['model']
      : configured
        ? ['config', 'modelPath']
        : ['model'];
    report(where, `${error.message}${explicit ? '' : ` (from ${localModelEnvVar})`}`);
    return null;
  }
}

/** Where a config field of the adapter sits in the suite: `base_url` is a model field. */
function suitePathOf(configPath: string): Array<string | number> {
  if (configPath === 'baseUrl') return ['base_url'];
  if (configPath === '(config)') return ['config'];
  return ['config', ...configPath.split('.')];
}

/**
 * Resolves the provider names a suite uses against the provider registry (kinds and
 * OpenAI-compatible presets) and the workspace's configured providers (by label), merging the
 * model's `base_url` and `config` over them and validating the result with the kind's schema.
 */
export function createProviderCatalog(
  findConfigured: (label: string) => ConfiguredProvider | undefined = () => undefined,
  configuredLabels: () => string[] = () => [],
  registry: ProviderRegistry = providerRegistry,
): ProviderCatalog {
  const names = () => [...registry.ids(), ...configuredLabels()];
  return {
    names,
    resolve(model: ModelSpec, report: ReportIssue): ResolvedProvider | null {
      const configured = findConfigured(model.provider);
      let kind: string;
      let base: Record<string, unknown>;
      if (configured) {
        kind = configured.kind;
        base = configured.config;
      } else {
        try {
          const named = resolveProviderName(model.provider, registry);
          kind = named.kind;
          base = named.presetConfig;
        } catch (error) {
          if (!(error instanceof UnknownProviderError)) throw error;
          report(
            ['provider'],
            `unknown provider "${model.provider}": use a provider kind or preset (${error.known.join(', ')})` +
              (configuredLabels().length
                ? ` or a configured provider (${configuredLabels().join(', ')})`
                : ''),
          );
          return null;
        }
      }
      const raw = {
        ...base,
        ...(model.config ?? {}),
        ...(model.base_url ? { baseUrl: model.base_url } : {}),
      };
      let config: unknown;
      try {
        config = registry.parseConfig(kind, raw);
      } catch (error) {
        if (!(error instanceof ProviderConfigError)) throw error;
        for (const issue of error.issues) report(suitePathOf(issue.path), issue.message);
        return null;
      }
      const capabilities = registry.get(kind).capabilities(config);
      let baseUrl = baseUrlOf(config);
      let resolvedModel: string | null = null;
      if (kind === 'local') {
        const local = localModelOf(model, config, report);
        baseUrl = local?.identity ?? null;
        resolvedModel = local?.file ?? null;
      }
      const parallel = (config as { parallel?: unknown }).parallel;
      return {
        key: configured
          ? configured.label
          : model.base_url
            ? `${model.provider}@${model.base_url}`
            : model.provider,
        kind,
        providerId: configured?.id ?? null,
        config,
        secretName: secretNameOf(registry, kind, config),
        isLocal: capabilities.local,
        isStreaming: capabilities.streaming,
        baseUrl,
        resolvedModel,
        maxConcurrency: typeof parallel === 'number' ? parallel : null,
      };
    },
  };
}
