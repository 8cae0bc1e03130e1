import type { CoreContext } from '../context';
import { mergeLimits, providerLimits } from '../providers/providerLimits';
import type { SuiteSpec } from '../suites/schema';
import type { CheckedSuite } from '../suites/validate';

type LimitsByProvider = SuiteSpec['run']['providers'];

/**
 * The per-provider limits a run uses: the suite's `run.providers`, with the default limits of
 * each configured provider it names laid under the suite's own entry (looked up the way
 * `lanes.ts` looks limits up: provider key, the name the suite used, then the kind). The
 * planner records the result in the manifest.
 */
export function limitsWithProviderDefaults(
  ctx: Pick<CoreContext, 'repos'>,
  checked: CheckedSuite,
): LimitsByProvider {
  const run = checked.suite.run;
  const out: LimitsByProvider = { ...run.providers };
  for (const model of checked.suite.models) {
    const provider = checked.providers.get(model.id);
    if (!provider?.providerId) continue;
    const defaults = providerLimits(ctx, provider.providerId);
    if (Object.values(defaults).every((v) => v === null)) continue;
    const own =
      run.providers[provider.key] ??
      run.providers[model.provider] ??
      run.providers[provider.kind] ??
      {};
    out[provider.key] = mergeLimits(defaults, own);
  }
  return out;
}
