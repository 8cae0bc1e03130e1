import type { WorkspaceCheck } from '@contract/routes/workspaceCare';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { JobCancelled } from '../jobs/jobManager';
import { startWorker } from '../runtime/workerEntry';
import type { CheckProgress } from './check';
import type { CheckRequest, FromCheckWorker } from './checkProtocol';

/** How often the job's message says how long `integrity_check` has been going. */
const elapsedEveryMs = 500;

/**
 * Runs the workspace check in a worker thread on its own read-only connection (checkWorker.ts)
 * and resolves with its result. Aborting `signal` terminates the thread — SQLite cannot stop a
 * pragma half way, and a reader leaves nothing to clean up — and rejects with JobCancelled.
 */
export function checkInWorker(
  ctx: Pick<CoreContext, 'databaseFile' | 'db'>,
  options: { signal: AbortSignal; onProgress: (progress: CheckProgress) => void },
): Promise<WorkspaceCheck> {
  const request: CheckRequest = {
    file: ctx.databaseFile,
    nativeBinding: ctx.db.openOptions.nativeBinding ?? null,
  };
  if (options.signal.aborted) return Promise.reject(new JobCancelled());
  const worker = startWorker(
    { name: 'checkWorker', source: 'workspace/checkWorker.ts' },
    { workerData: request },
  );
  return new Promise<WorkspaceCheck>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      finish();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new JobCancelled()));
    options.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromCheckWorker) => {
      if (message.type === 'progress') options.onProgress(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.check));
      else
        settle(() =>
          reject(
            new Error(
              `the workspace check could not read ${ctx.databaseFile}: ${message.message}` +
                (message.code ? ` (${message.code})` : ''),
            ),
          ),
        );
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the workspace check's thread ended early (exit ${code})`))),
    );
  });
}

const running = new WeakMap<CoreContext, Promise<WorkspaceCheck>>();

function elapsed(ms: number): string {
  return `${Math.floor(ms / 1000)} s`;
}

/**
 * The check as a job (kind `workspace.check`): the tray shows `integrity_check` as indeterminate
 * with the time it has taken (SQLite reports no progress for it), then the foreign-key check
 * table by table, and can cancel it. Resolves with the result; a cancelled check rejects with
 * ApiError('cancelled'). A check asked for while one runs shares it.
 */
export function checkWorkspaceJob(ctx: CoreContext): Promise<WorkspaceCheck> {
  const current = running.get(ctx);
  if (current) return current;
  const job = ctx.jobs.start(
    'workspace.check',
    'Check the workspace',
    async (control) => {
      const started = performance.now();
      let phase: CheckProgress = { phase: 'integrity' };
      const report = () => {
        const took = elapsed(performance.now() - started);
        if (phase.phase === 'integrity')
          control.progress(0, null, `integrity_check · ${took} elapsed`);
        else
          control.progress(
            phase.tablesDone,
            phase.tablesTotal,
            `tables checked for foreign keys · ${took} elapsed`,
          );
      };
      const timer = setInterval(report, elapsedEveryMs);
      try {
        return await checkInWorker(ctx, {
          signal: control.signal,
          onProgress: (next) => {
            phase = next;
            report();
          },
        });
      } finally {
        clearInterval(timer);
      }
    },
    { subject: ctx.databaseFile },
  );
  const result = job.result.then(
    (check) => {
      ctx.logger.info('workspace checked', {
        isHealthy: check.isHealthy,
        elapsedMs: Math.round(check.elapsedMs),
      });
      return check;
    },
    (error: unknown) => {
      if (error instanceof JobCancelled)
        throw new ApiError('cancelled', 'the workspace check was cancelled');
      throw error;
    },
  );
  running.set(ctx, result);
  const forget = () => {
    if (running.get(ctx) === result) running.delete(ctx);
  };
  result.then(forget, forget);
  return result;
}
