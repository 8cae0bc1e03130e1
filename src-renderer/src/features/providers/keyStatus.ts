import type { ProviderSummary, SecretStatus } from '@contract/index';
import { valueOf, type Loadable } from '../../stores/load';

/**
 * A provider's key status as fresh as this window knows it: the secrets list is reloaded after
 * every save or removal, while a provider row keeps the status it had when the list was read.
 */
export function currentKeyStatus(
  provider: ProviderSummary,
  secrets: Loadable<SecretStatus[]>,
): SecretStatus | null {
  const fresh = valueOf(secrets)?.find((s) => s.name === provider.secretName);
  return fresh ?? provider.secret;
}
