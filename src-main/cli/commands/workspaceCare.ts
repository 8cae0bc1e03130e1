import type { Command } from 'commander';
import type { BackupResult, WorkspaceCheck } from '@contract/routes/workspaceCare';
import { ApiError } from '@core/apiError';
import type { CoreContext } from '@core/context';
import { BackupCancelledError, backupWorkspace, removeWithSidecars } from '@core/workspace/backup';
import { checkWorkspace } from '@core/workspace/check';
import { BackupProgressView } from '../backupProgressView';
import { printResult } from '../output';
import { runExitCodes } from '../runs/exitCodes';
import { CliError, openCore, type GlobalOptions } from '../runtime';

/** Exit codes of `backup` and `check` (docs/cli.md). */
export const workspaceCareExitCodes = {
  ...runExitCodes,
  /** `check`: integrity_check or foreign_key_check found a problem (each printed by table). */
  unhealthy: 8,
} as const;

interface BackupFlags {
  to?: string;
  force?: boolean;
  json?: boolean;
  stepPages?: number;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(
      `--step-pages: expected a whole number ≥ 1, got ${value}`,
      runExitCodes.usage,
    );
  return n;
}

function cliErrorOfBackup(error: unknown, flags: BackupFlags): unknown {
  if (error instanceof BackupCancelledError)
    return new CliError('backup interrupted: no file was written', runExitCodes.interrupted);
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'conflict')
    return new CliError(
      flags.force
        ? error.message
        : `${error.message.replace(/ \(allow.*\)$/, '')}: --force replaces it`,
      runExitCodes.refused,
    );
  return new CliError(error.message, runExitCodes.usage);
}

/**
 * The backup with progress on stderr. Ctrl-C or SIGTERM stops it at its next step (a few ms)
 * and the partial file is removed (exit 130); a second Ctrl-C removes it and quits at once.
 */
async function backupWithProgress(ctx: CoreContext, flags: BackupFlags): Promise<BackupResult> {
  const view = new BackupProgressView(flags.json ?? false);
  const controller = new AbortController();
  let partial: string | null = null;
  const onSignal = () => {
    if (controller.signal.aborted) {
      if (partial) removeWithSidecars(partial);
      process.exit(runExitCodes.interrupted);
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: BackupResult | null = null;
  try {
    result = await backupWorkspace(ctx, {
      file: flags.to ?? null,
      overwrite: flags.force ?? false,
      signal: controller.signal,
      pagesPerStep: flags.stepPages ?? null,
      onProgress: (p) => view.update(p),
      onPartialFile: (file) => (partial = file),
    });
    return result;
  } catch (error) {
    throw cliErrorOfBackup(error, flags);
  } finally {
    view.stop(result);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** What a restore of the copy needs about API keys, in one line (or none when none are stored). */
export function keysNote(keys: BackupResult['keys']): string | null {
  if (keys.sealedInDatabase > 0)
    return `API keys: ${keys.sealedInDatabase} sealed by this computer's keychain are in the copy as ciphertext; they unseal only for this user here; elsewhere set them again`;
  if (keys.inSealedFile > 0)
    return `API keys: ${keys.inSealedFile} are not in the copy; they live in ${keys.sealedFile}, sealed with a key file outside the workspace (YARDSTICK_KEY_FILE): copy both, or set the keys again`;
  return null;
}

function backupLines(result: BackupResult): string {
  const megabytes = (result.bytes / 1_048_576).toFixed(1);
  return [
    `backed up to ${result.file} (${megabytes} MB, ${result.pages} pages)`,
    keysNote(result.keys),
    `restore: put it in an empty folder as workspace.sqlite, then yardstick --workspace <folder> …`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function checkLines(check: WorkspaceCheck): string {
  if (check.isHealthy)
    return `healthy: integrity_check and foreign_key_check found nothing (${check.tablesChecked} tables)`;
  return [
    ...check.integrity.map((p) => `${p.table ?? '(no table named)'}: ${p.message}`),
    ...check.foreignKeys.map(
      (p) =>
        `${p.table}: ${p.rows} row(s) refer to missing ${p.parent} rows (rowid ${p.sampleRowids.join(', ')}${p.rows > p.sampleRowids.length ? ', …' : ''})`,
    ),
  ].join('\n');
}

/** `yardstick backup` and `yardstick check`: keeping the workspace safe. */
export function registerWorkspaceCare(program: Command) {
  program
    .command('backup')
    .description(
      'copy the workspace database to one file, consistently, even while a run writes to it',
    )
    .option(
      '--to <file>',
      'destination (default: <workspace>/backups/yardstick-YYYYMMDD-HHMMSS.sqlite, local time)',
    )
    .option('--force', 'replace the destination if it exists')
    .option(
      '--step-pages <n>',
      'pages copied between two turns of the event loop (default 1024; smaller stops sooner on Ctrl-C)',
      positiveInteger,
    )
    .option('--json', 'print one JSON object (file, bytes, pages, elapsedMs, keys)')
    .action(async (flags: BackupFlags, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const result = await backupWithProgress(core.context, flags);
        printResult(result, flags.json ?? false, backupLines);
      } finally {
        await core.close();
      }
    });

  program
    .command('check')
    .description(
      `check the workspace database (integrity_check, foreign_key_check); exit ${workspaceCareExitCodes.unhealthy} on a problem`,
    )
    .option('--json', 'print one JSON object')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const check = checkWorkspace(core.context.db);
        printResult(check, flags.json ?? false, checkLines);
        if (!check.isHealthy) process.exitCode = workspaceCareExitCodes.unhealthy;
      } finally {
        await core.close();
      }
    });
}
