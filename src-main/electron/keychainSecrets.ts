import { createHash } from 'node:crypto';
import { safeStorage } from 'electron';
import type { Db } from '@core/db/connection';
import { SecretsRepo } from '@core/db/repos/secrets';
import { lastFour, type SealedSecrets } from '@core/secrets/secretStore';
import { nowIso } from '@core/util/time';

/**
 * Desktop secrets: sealed by the OS keychain (Electron safeStorage) and stored as
 * ciphertext in the workspace. Only the main process can unseal them.
 */
export class KeychainSealedSecrets implements SealedSecrets {
  private readonly repo: SecretsRepo;

  constructor(db: Db) {
    this.repo = new SecretsRepo(db);
  }

  read(name: string): string | undefined {
    const row = this.repo.get(name);
    return row ? safeStorage.decryptString(row.ciphertext) : undefined;
  }

  last4(name: string): string | undefined {
    return this.repo.get(name)?.last4 ?? undefined;
  }

  /** A digest of the ciphertext: another value seals to another ciphertext. */
  stamp(name: string): string | undefined {
    const row = this.repo.get(name);
    return row ? createHash('sha256').update(row.ciphertext).digest('base64url') : undefined;
  }

  write(name: string, value: string): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'the OS keychain is not available; set the key as an environment variable instead',
      );
    }
    this.repo.put(name, safeStorage.encryptString(value), lastFour(value), nowIso());
  }

  remove(name: string): void {
    this.repo.delete(name);
  }

  names(): string[] {
    return this.repo.names();
  }
}
