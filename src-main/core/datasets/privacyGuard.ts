import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { versionPrivacy } from './privacy/service';

/**
 * The privacy guard the run engine calls before a run. Refuses (ApiError 'refused') when the
 * version holds personal data (found by the latest scan, or the dataset is marked personal),
 * the dataset has not been explicitly allowed for cloud providers, and any provider is not
 * local. Returns normally otherwise.
 */
export function assertPrivacyAllows(
  ctx: CoreContext,
  datasetVersionId: string,
  providers: Array<{ label: string; isLocal: boolean }>,
): void {
  const privacy = versionPrivacy(ctx, datasetVersionId);
  if (!privacy.isPersonal || privacy.allowCloud) return;
  const cloud = providers.filter((p) => !p.isLocal).map((p) => p.label);
  if (cloud.length === 0) return;
  const why = privacy.isMarkedPersonal
    ? 'is marked as holding personal data'
    : `holds personal data (${privacy.flaggedItems.toLocaleString('en-US')} item${privacy.flaggedItems === 1 ? '' : 's'} flagged by the privacy scan)`;
  throw new ApiError(
    'refused',
    `Dataset "${privacy.datasetName}" (version ${privacy.version}) ${why}, and it is not allowed to be sent to ` +
      `non-local providers: ${cloud.join(', ')}. Use only local providers, redact it ` +
      `(yardstick datasets redact "${privacy.datasetName}"), or allow cloud providers for this dataset ` +
      `(yardstick datasets allow-cloud "${privacy.datasetName}", or Datasets → ${privacy.datasetName} → Privacy → "Allow cloud providers").`,
  );
}
