import type { ProviderLimits } from '@contract/routes/providers';
import type { CoreContext } from '../context';
import { nowIso } from '../util/time';

/**
 * Default limits of configured providers (requests in flight, requests and tokens per minute),
 * set once on the provider instead of in every suite. Kept in the workspace settings by
 * provider id. A suite's own `run.providers` entry wins field by field, and the planner writes
 * the merged limits into the run's manifest, so a run records what it ran with.
 */

const settingKey = 'providers.limits';

type Stored = Record<string, ProviderLimits>;

export const noLimits: ProviderLimits = { concurrency: null, rpm: null, tpm: null };

function readAll(ctx: Pick<CoreContext, 'repos'>): Stored {
  return ctx.repos.settings.get<Stored>(settingKey) ?? {};
}

export function providerLimits(
  ctx: Pick<CoreContext, 'repos'>,
  providerId: string,
): ProviderLimits {
  return readAll(ctx)[providerId] ?? noLimits;
}

export function setProviderLimits(
  ctx: Pick<CoreContext, 'repos'>,
  providerId: string,
  limits: ProviderLimits | null,
) {
  const { [providerId]: _previous, ...others } = readAll(ctx);
  const isEmpty = !limits || Object.values(limits).every((v) => v === null);
  ctx.repos.settings.set(
    settingKey,
    isEmpty ? others : { ...others, [providerId]: limits },
    nowIso(),
  );
}

/** The suite-format limits object: only the fields that are set. */
export interface LimitsSpec {
  concurrency?: number | undefined;
  rpm?: number | undefined;
  tpm?: number | undefined;
}

/** A provider's defaults under the suite's own limits for it (the suite wins field by field). */
export function mergeLimits(defaults: ProviderLimits, suite: LimitsSpec): LimitsSpec {
  const out: LimitsSpec = {};
  for (const field of ['concurrency', 'rpm', 'tpm'] as const) {
    const value = suite[field] ?? defaults[field] ?? undefined;
    if (value !== undefined) out[field] = value;
  }
  return out;
}
