import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@core/logging/logger';
import { Redactor } from '@core/logging/redactor';
import { FileSealedSecrets } from '@core/secrets/fileSealedSecrets';
import { SecretStore } from '@core/secrets/secretStore';
import { useTempDir } from '../../support/tempDir';

const key = 'sk-test-0123456789abcdefXYZ4f2a';

describe('secret store', () => {
  const tempDir = useTempDir();

  function store(env: Record<string, string> = {}) {
    const dir = tempDir();
    const file = join(dir, 'workspace', 'secrets.sealed.json');
    const keyFile = join(dir, 'keys', 'secret.key');
    const redactor = new Redactor();
    return {
      dir,
      file,
      keyFile,
      redactor,
      store: new SecretStore(new FileSealedSecrets(file, keyFile), redactor, env),
    };
  }

  it('stores a key encrypted, with its key file outside the workspace', () => {
    const { file, keyFile, store: secrets } = store();
    expect(secrets.set('OPENAI_API_KEY', key)).toEqual({
      name: 'OPENAI_API_KEY',
      isSet: true,
      last4: '4f2a',
      source: 'stored',
    });
    expect(readFileSync(file, 'utf8')).not.toContain(key);
    expect(readFileSync(file, 'utf8')).not.toContain('0123456789');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(secrets.get('OPENAI_API_KEY')).toBe(key);
  });

  it('cannot decrypt without the key file', () => {
    const { file, dir } = store();
    const sealed = new FileSealedSecrets(file, join(dir, 'keys', 'secret.key'));
    sealed.write('X_KEY', key);
    const elsewhere = new FileSealedSecrets(file, join(dir, 'other', 'secret.key'));
    expect(elsewhere.read('X_KEY')).toBeUndefined();
  });

  it('refuses a key file in a folder that cannot be created, at once and naming it', () => {
    const { file } = store();
    // Node's recursive mkdir never returns for a path under /proc.
    const sealed = new FileSealedSecrets(file, '/proc/yardstick-nope/secret.key');
    expect(() => sealed.write('X_KEY', key)).toThrow(
      /^cannot create the key folder \/proc\/yardstick-nope: \/proc does not accept new folders$/,
    );
  });

  it('lets environment variables win and says so', () => {
    const { store: secrets } = store({ ANTHROPIC_API_KEY: 'env-key-abcdefgh1234' });
    secrets.set('ANTHROPIC_API_KEY', key);
    expect(secrets.get('ANTHROPIC_API_KEY')).toBe('env-key-abcdefgh1234');
    expect(secrets.status('ANTHROPIC_API_KEY')).toMatchObject({
      source: 'environment',
      last4: '1234',
    });
  });

  it('forgets a stored key', () => {
    const { store: secrets } = store();
    secrets.set('GEMINI_API_KEY', key);
    expect(secrets.delete('GEMINI_API_KEY')).toEqual({
      name: 'GEMINI_API_KEY',
      isSet: false,
      last4: null,
      source: 'none',
    });
    expect(secrets.get('GEMINI_API_KEY')).toBeUndefined();
  });

  it('never lets a key that was read reach the log', () => {
    const { store: secrets, redactor } = store();
    secrets.set('OPENAI_API_KEY', key);
    const lines: string[] = [];
    const logger = createLogger({ redactor, write: (line) => lines.push(line) });
    logger.error(`provider said: invalid key ${key}`, { header: `Bearer ${key}` });
    expect(lines.join('\n')).not.toContain(key);
    expect(lines.join('\n')).toContain('«redacted»');
  });
});
