import { ApiError } from '../apiError';
import type { SecretStore } from '../secrets/secretStore';
import type { RunManifest } from './manifest';
import type { EngineModelSpec, LaneSpec } from './protocol';

/**
 * The engine's lanes (one per provider key) and models for a run, from its manifest. Limits
 * are looked up by the provider's key, then the name the suite used, then its kind; secret
 * values are read here, in the main thread, and passed to the worker in memory only.
 */
export function lanesOf(
  manifest: RunManifest,
  secrets: Pick<SecretStore, 'get'>,
  concurrencyOverride: number | null,
): { lanes: LaneSpec[]; models: EngineModelSpec[] } {
  const lanes = new Map<string, LaneSpec>();
  const models: EngineModelSpec[] = [];
  const limitsFor = manifest.options.providers;
  for (const model of manifest.models) {
    const provider = model.provider;
    if (!lanes.has(provider.key)) {
      const limits =
        limitsFor[provider.key] ?? limitsFor[model.providerName] ?? limitsFor[provider.kind] ?? {};
      const lane: LaneSpec = {
        key: provider.key,
        kind: provider.kind,
        config: provider.config,
        secrets: {},
        limits: {
          // An in-process model serves only as many requests as it has sequences; more in
          // flight would only queue inside the adapter, where the engine's timeout still runs.
          concurrency: Math.min(
            concurrencyOverride ?? limits.concurrency ?? manifest.options.concurrency,
            provider.maxConcurrency ?? Infinity,
          ),
          rpm: limits.rpm,
          tpm: limits.tpm,
        },
      };
      if (provider.secretName) {
        const value = secrets.get(provider.secretName);
        if (!value)
          throw new ApiError(
            'refused',
            `provider ${provider.key} needs the secret ${provider.secretName}: set the environment ` +
              `variable ${provider.secretName} or store the key in the app's settings`,
          );
        lane.secrets[provider.secretName] = value;
      }
      lanes.set(provider.key, lane);
    }
    models.push({
      modelKey: model.id,
      laneKey: provider.key,
      model: provider.resolvedModel ?? model.model,
      stream: model.stream,
    });
  }
  return { lanes: [...lanes.values()], models };
}
