import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { createCore, type Core } from '@core/host';
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

export function openCore(options: GlobalOptions & { seedExamples?: boolean }): Core {
  return createCore({
    workspaceDir: resolveWorkspace(options),
    resourcesDir,
    appVersion,
    seedExamples: options.seedExamples ?? false,
  });
}
