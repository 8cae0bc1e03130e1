import { z } from 'zod';
import { Id } from '../common';

/**
 * Where the API keys of a workspace live, as far as a copy of its database is concerned. Keys
 * are never in a backup in plain text: either sealed by this computer's keychain inside the
 * database, or in an encrypted file beside it whose key lives outside the workspace.
 */
export const BackupKeys = z.object({
  /** Keys sealed by the OS keychain (desktop app), stored as ciphertext in the database. */
  sealedInDatabase: z.number().int(),
  /** Keys in the workspace's `secrets.sealed.json` (CLI, browser mode): not in the copy. */
  inSealedFile: z.number().int(),
  /** That file, for a restore that wants the keys back. */
  sealedFile: z.string(),
});

export const BackupPlan = z.object({
  /** `<workspace>/backups/yardstick-YYYYMMDD-HHMMSS.sqlite`, local time, as of the request. */
  defaultFile: z.string(),
  keys: BackupKeys,
});

export const BackupInput = z.strictObject({
  /** Destination file; default `BackupPlan.defaultFile`. Its folder must exist unless it is the default one. */
  file: z.string().min(1).max(4096).nullable().default(null),
  /** Replace a file already at the destination (otherwise refused). */
  overwrite: z.boolean().default(false),
});

export const BackupResult = z.object({
  file: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  elapsedMs: z.number(),
  keys: BackupKeys,
});
export type BackupResult = z.infer<typeof BackupResult>;

export const BackupStarted = z.object({ jobId: Id, file: z.string() });

/** A problem `PRAGMA integrity_check` reported, with the table it concerns when one is named. */
export const IntegrityProblem = z.object({
  table: z.string().nullable(),
  message: z.string(),
});

/** Rows of `table` whose reference to `parent` points at nothing (`PRAGMA foreign_key_check`). */
export const ForeignKeyProblem = z.object({
  table: z.string(),
  parent: z.string(),
  rows: z.number().int(),
  /** The first few rowids, to look them up. */
  sampleRowids: z.array(z.number().int()),
});

export const WorkspaceCheck = z.object({
  isHealthy: z.boolean(),
  integrity: z.array(IntegrityProblem),
  foreignKeys: z.array(ForeignKeyProblem),
  tablesChecked: z.number().int(),
  elapsedMs: z.number(),
});
export type WorkspaceCheck = z.infer<typeof WorkspaceCheck>;
