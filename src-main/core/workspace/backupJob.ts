import type { BackupResult } from '@contract/routes/workspaceCare';
import type { CoreContext } from '../context';
import { perCore } from '../util/perCore';
import { backupWorkspace, checkedBackupTarget } from './backup';

interface BackupJobs {
  results: Map<string, BackupResult>;
  running: Set<Promise<unknown>>;
}

const keptResults = 50;

const serviceOf = perCore((ctx): BackupJobs => {
  const service: BackupJobs = { results: new Map(), running: new Set() };
  // Closing cancels every job first; a backup then removes its partial file before the
  // database closes under it.
  ctx.onClose(async () => {
    await Promise.allSettled([...service.running]);
  });
  return service;
});

/**
 * Starts a backup as a job (progress in pages, ETA, cancel). The destination is checked
 * first, so a refused one fails the request itself rather than a job.
 */
export function startBackupJob(
  ctx: CoreContext,
  input: { file: string | null; overwrite: boolean },
): { jobId: string; file: string } {
  const file = checkedBackupTarget(ctx, input.file, input.overwrite);
  const service = serviceOf(ctx);
  let jobId = '';
  const job = ctx.jobs.start(
    'workspace.backup',
    'Back up the workspace',
    async (control) => {
      const result = await backupWorkspace(ctx, {
        file,
        overwrite: input.overwrite,
        signal: control.signal,
        onProgress: (p) => control.progress(p.pagesDone, p.pagesTotal, 'pages copied'),
      });
      service.results.set(jobId, result);
      if (service.results.size > keptResults) {
        const oldest = service.results.keys().next().value;
        if (oldest !== undefined) service.results.delete(oldest);
      }
      ctx.logger.info('workspace backed up', { file: result.file, bytes: result.bytes });
      return result;
    },
    { subject: file },
  );
  jobId = job.id;
  service.running.add(job.result);
  const forget = () => service.running.delete(job.result);
  void job.result.then(forget, forget);
  return { jobId, file };
}

export function backupJobResult(ctx: CoreContext, jobId: string): BackupResult | null {
  return serviceOf(ctx).results.get(jobId) ?? null;
}
