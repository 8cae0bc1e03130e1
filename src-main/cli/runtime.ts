import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { MigrationError } from '@core/db/migrate';
import { createCore, type Core } from '@core/host';
import { FolderError } from '@core/workspace/folder';
import { defaultWorkspaceDir } from '@core/workspace/paths';

/** The repository (or unpacked app) root: this module sits two levels below it, as source and as bundle. */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url));
export const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));
export const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const appVersion: string = version;

export interface GlobalOptions {
  workspace?: string;
}

export function resolveWorkspace(options: GlobalOptions): string {
  return options.workspace ?? defaultWorkspaceDir();
}

/** Exit codes every command uses (documented in docs/cli.md). */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  gateFailed: 3,
} as const;

/** A user-facing failure: printed without a stack trace, exits with `code`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly code: number = exitCodes.failure,
  ) {
    super(message);
  }
}

/** Opens the workspace; one that cannot be created or is not a Yardstick database is a usage error. */
export function openCore(options: GlobalOptions & { seedExamples?: boolean }): Core {
  const workspaceDir = resolveWorkspace(options);
  try {
    return createCore({
      workspaceDir,
      resourcesDir,
      appVersion,
      seedExamples: options.seedExamples ?? false,
    });
  } catch (error) {
    if (error instanceof FolderError)
      throw new CliError(
        error.isFile
          ? `cannot open the workspace ${workspaceDir}: it is a file, not a folder`
          : error.message,
        exitCodes.usage,
      );
    const { code, message } = error as NodeJS.ErrnoException;
    // fs errors (errno codes) and SQLite's (SQLITE_*) are about the folder the user named;
    // anything else is a bug and keeps its stack.
    if (typeof code !== 'string' && !(error instanceof MigrationError)) throw error;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it is a file, not a folder'
        : code === 'SQLITE_NOTADB'
          ? 'its workspace.sqlite is not a Yardstick database'
          : message;
    throw new CliError(`cannot open the workspace ${workspaceDir}: ${why}`, exitCodes.usage);
  }
}
