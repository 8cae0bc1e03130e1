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
