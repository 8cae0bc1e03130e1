import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureFolder } from '../workspace/folder';
import { lastFour, type SealedSecrets } from './secretStore';

interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
  last4: string;
}

/**
 * Secrets for the CLI and browser mode: AES-256-GCM in `file`, with the key in `keyFile`.
 * The key lives beside the per-user data directory, never inside a workspace, so copying
 * or sharing a workspace never carries usable keys.
 */
export class FileSealedSecrets implements SealedSecrets {
  constructor(
    private readonly file: string,
    private readonly keyFile: string,
  ) {}

  private key(create: boolean): Buffer | undefined {
    if (existsSync(this.keyFile)) return readFileSync(this.keyFile);
    if (!create) return undefined;
    ensureFolder(dirname(this.keyFile), { mode: 0o700, what: 'key folder' });
    const key = randomBytes(32);
    writeFileSync(this.keyFile, key, { mode: 0o600, flag: 'wx' });
    return key;
  }

  private entries(): Record<string, SealedEntry> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, SealedEntry>;
  }

  private save(entries: Record<string, SealedEntry>) {
    ensureFolder(dirname(this.file), { mode: 0o700, what: 'secrets folder' });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    chmodSync(this.file, 0o600);
  }

  read(name: string): string | undefined {
    const entry = this.entries()[name];
    const key = this.key(false);
    if (!entry || !key) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(entry.data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }

  last4(name: string): string | undefined {
    return this.entries()[name]?.last4;
  }

  /** Each write seals with a fresh random IV (and so a new tag): they identify the write. */
  stamp(name: string): string | undefined {
    const entry = this.entries()[name];
    return entry ? `${entry.iv}.${entry.tag}` : undefined;
  }

  write(name: string, value: string): void {
    const key = this.key(true);
    if (!key) throw new Error('could not create the secret key file');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const entries = this.entries();
    entries[name] = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
      last4: lastFour(value),
    };
    this.save(entries);
  }

  remove(name: string): void {
    const entries = this.entries();
    if (!(name in entries)) return;
    delete entries[name];
    this.save(entries);
  }

  names(): string[] {
    return Object.keys(this.entries()).sort();
  }
}
