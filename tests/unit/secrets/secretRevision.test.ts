import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Redactor } from '@core/logging/redactor';
import { FileSealedSecrets } from '@core/secrets/fileSealedSecrets';
import { SecretStore, type SealedSecrets } from '@core/secrets/secretStore';
import { useTempDir } from '../../support/tempDir';

const key = 'sk-test-0123456789abcdefXYZ4f2a';

/**
 * `SecretStore.revision`: what callers key derived state on (model lists). It changes with
 * every write and with the environment, never contains the value, and unseals nothing when
 * the store can stamp its writes.
 */
describe('secret revisions', () => {
  const tempDir = useTempDir();

  function sealedIn(dir: string) {
    return new FileSealedSecrets(join(dir, 'secrets.sealed.json'), join(dir, 'keys', 'secret.key'));
  }

  it('changes with each write, unsealing nothing, and says when nothing is stored', () => {
    const sealed = sealedIn(tempDir());
    const read = vi.spyOn(sealed, 'read');
    const store = new SecretStore(sealed, new Redactor(), {});
    expect(store.revision('X_KEY')).toBe('none');
    store.set('X_KEY', key);
    const first = store.revision('X_KEY');
    expect(first).toMatch(/^stored:/);
    expect(first).not.toContain(key);
    expect(store.revision('X_KEY')).toBe(first);
    store.set('X_KEY', `sk-other-${key.slice(-4)}`);
    expect(store.revision('X_KEY')).not.toBe(first);
    store.delete('X_KEY');
    expect(store.revision('X_KEY')).toBe('none');
    expect(read).not.toHaveBeenCalled();
  });

  it('follows an environment variable, which wins, by a salted fingerprint of its value', () => {
    const env: Record<string, string> = { X_KEY: 'env-key-abcdefgh1234' };
    const store = new SecretStore(sealedIn(tempDir()), new Redactor(), env);
    store.set('X_KEY', key);
    const fromEnv = store.revision('X_KEY');
    expect(fromEnv).toMatch(/^environment:/);
    expect(fromEnv).not.toContain('abcdefgh');
    env.X_KEY = 'env-key-zyxwvuts1234';
    expect(store.revision('X_KEY')).not.toBe(fromEnv);
    delete env.X_KEY;
    expect(store.revision('X_KEY')).toMatch(/^stored:/);
  });

  it('unseals to fingerprint a value when the store cannot stamp it', () => {
    const file = sealedIn(tempDir());
    const plain: SealedSecrets = {
      read: (n) => file.read(n),
      last4: (n) => file.last4(n),
      write: (n, v) => file.write(n, v),
      remove: (n) => file.remove(n),
      names: () => file.names(),
    };
    const store = new SecretStore(plain, new Redactor(), {});
    store.set('X_KEY', key);
    const first = store.revision('X_KEY');
    store.set('X_KEY', key);
    expect(store.revision('X_KEY')).toBe(first); // same value, same fingerprint
    store.set('X_KEY', `${key}!`);
    expect(store.revision('X_KEY')).not.toBe(first);
  });
});
