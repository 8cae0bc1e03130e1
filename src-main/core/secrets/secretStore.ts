import { createHmac, randomBytes } from 'node:crypto';
import type { SecretStatus } from '@contract/index';
import type { Redactor } from '../logging/redactor';

/**
 * Where sealed (encrypted at rest) secrets live: the OS keychain in the desktop app, an
 * encrypted file outside the workspace for the CLI and browser mode.
 */
export interface SealedSecrets {
  read(name: string): string | undefined;
  last4(name: string): string | undefined;
  write(name: string, value: string): void;
  remove(name: string): void;
  names(): string[];
  /**
   * A token that changes whenever the stored value of `name` is written, read without unsealing
   * it (undefined when none is stored). Without it, `SecretStore.revision` has to unseal.
   */
  stamp?(name: string): string | undefined;
}

/** Secret names the providers look for; the list of statuses always includes them. */
export const wellKnownSecretNames = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'OPENROUTER_API_KEY',
] as const;

export function lastFour(value: string): string {
  return value.slice(-4);
}

/**
 * The one way the core reads API keys. Environment variables win over stored values (so
 * CI and shells can override); every value read is registered with the log redactor.
 */
export class SecretStore {
  /** Fingerprints values in `revision` (in this process only: it is never stored). */
  private readonly salt = randomBytes(32);

  constructor(
    private readonly sealed: SealedSecrets,
    private readonly redactor: Redactor,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  get(name: string): string | undefined {
    const value = this.env[name] || this.sealed.read(name);
    if (value) this.redactor.add(value);
    return value;
  }

  /**
   * Changes whenever `get(name)` would answer another value, and costs no unsealing when the
   * stored value has a stamp (both stores have): an environment variable counts by an HMAC of
   * its value under this store's random salt, a stored value by its stamp. Lets callers keep
   * something derived from a key (a provider's model list) without reading the key each time.
   */
  revision(name: string): string {
    const fromEnv = this.env[name];
    if (fromEnv) return `environment:${this.fingerprint(fromEnv)}`;
    if (this.sealed.stamp) {
      const stamp = this.sealed.stamp(name);
      return stamp === undefined ? 'none' : `stored:${stamp}`;
    }
    const value = this.sealed.read(name);
    return value ? `stored:${this.fingerprint(value)}` : 'none';
  }

  private fingerprint(value: string): string {
    return createHmac('sha256', this.salt).update(value).digest('base64url');
  }

  set(name: string, value: string): SecretStatus {
    this.redactor.add(value);
    this.sealed.write(name, value);
    return this.status(name);
  }

  delete(name: string): SecretStatus {
    this.sealed.remove(name);
    return this.status(name);
  }

  status(name: string): SecretStatus {
    const fromEnv = this.env[name];
    if (fromEnv) return { name, isSet: true, last4: lastFour(fromEnv), source: 'environment' };
    const last4 = this.sealed.last4(name);
    if (last4 !== undefined) return { name, isSet: true, last4, source: 'stored' };
    return { name, isSet: false, last4: null, source: 'none' };
  }

  list(): SecretStatus[] {
    const names = new Set<string>([...wellKnownSecretNames, ...this.sealed.names()]);
    return [...names].sort().map((name) => this.status(name));
  }
}
