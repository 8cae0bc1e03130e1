/**
 * How judges (and embedding scorers) reach their providers by default: the workspace's
 * configured providers (by label) and the provider registry's kinds and presets, merged with
 * the judge's own `base_url` and `config` exactly as the engine resolves a suite model, with
 * API keys read from the secret store. Tests and embedders may replace it per core.
 */
import type { CoreContext } from '../../context';
import { providerRegistry, resolveProviderName } from '../../providers/registry';
import type { JudgePrice } from '../judges/budget';
import type { JudgeProviderResolver, JudgeTarget } from '../judges/client';
import { perCore } from '../../util/perCore';
import { nowIso } from '../../util/time';
import { ScoringRepo } from '../repo';

/** The resolver a core was given in place of the default one, if any. */
const replacementOf = perCore((): { resolver?: JudgeProviderResolver } => ({}));

/** Lets the composition root (or a test) say how judge providers are reached for a core. */
export function setJudgeProviders(ctx: CoreContext, resolver: JudgeProviderResolver): void {
  replacementOf(ctx).resolver = resolver;
}

/** Kind, merged config and locality of a judge target, without creating an adapter. */
function describeTarget(repo: ScoringRepo, target: JudgeTarget) {
  const configured = repo.configuredProvider(target.provider);
  const named = configured
    ? { kind: configured.kind, presetConfig: configured.config }
    : resolveProviderName(target.provider);
  const raw = {
    ...named.presetConfig,
    ...(target.config ?? {}),
    ...(target.base_url ? { baseUrl: target.base_url } : {}),
  };
  return { kind: named.kind, raw };
}

/**
 * Price per million tokens for a judge: zero for local providers (in-process or on loopback),
 * the pricing table's row for the kind and model otherwise, null when unknown.
 */
export function judgePrice(repo: ScoringRepo, target: JudgeTarget): JudgePrice | null {
  try {
    const { kind, raw } = describeTarget(repo, target);
    if (providerRegistry.capabilities(kind, raw).local)
      return { inputUsdPerMTok: 0, outputUsdPerMTok: 0 };
    const row = repo.price(kind, target.model, nowIso());
    return row
      ? { inputUsdPerMTok: row.input_usd_per_mtok, outputUsdPerMTok: row.output_usd_per_mtok }
      : null;
  } catch {
    return null;
  }
}

export function defaultJudgeProviders(ctx: CoreContext): JudgeProviderResolver {
  const custom = replacementOf(ctx).resolver;
  if (custom) return custom;
  const repo = new ScoringRepo(ctx.db);
  return (target) => {
    const { kind, raw } = describeTarget(repo, target);
    const adapter = providerRegistry.create(kind, raw, { secret: (name) => ctx.secrets.get(name) });
    return { adapter, kind, isLocal: providerRegistry.capabilities(kind, raw).local };
  };
}
