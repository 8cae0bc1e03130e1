import { SingleBar } from 'cli-progress';
import type { DatasetJobResult, JobSummary } from '@contract/index';
import type { Core } from '@core/host';
import { waitForDatasetJob } from '@core/datasets/jobs';
import { CliError, exitCodes } from './runtime';
import { cliErrorOfApi, unknownInWorkspace } from './workspaceIds';

/** Unwraps a dispatch result; a core error becomes a CLI error with its message and issues. */
export async function dispatchOrFail<T>(core: Core, route: string, input: unknown): Promise<T> {
  const result = await core.dispatch(route, input);
  if (!result.ok) throw cliErrorOfApi(result.error, core);
  return result.value as T;
}

type JobValues = {
  [K in DatasetJobResult['kind']]: Extract<DatasetJobResult, { kind: K }>['value'];
};

/**
 * Waits for a dataset job, drawing its progress on stderr (cli-progress; only on a terminal)
 * and cancelling it on Ctrl+C, so an interrupted import leaves no half-made version.
 */
export async function followJob<K extends keyof JobValues>(
  core: Core,
  jobId: string,
  kind: K,
): Promise<JobValues[K]> {
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{title} [{bar}] {percentage}% | {message} | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = false;
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const job = payload as JobSummary;
    if (job.id !== jobId) return;
    const total = job.total ?? 0;
    const values = { title: job.title, message: job.message ?? '' };
    if (!started) {
      bar.start(total, job.done, values);
      started = true;
    } else {
      bar.setTotal(total);
      bar.update(job.done, values);
    }
  });
  const interrupt = () => {
    process.stderr.write('\nyardstick: cancelling…\n');
    core.context.jobs.cancel(jobId);
  };
  process.once('SIGINT', interrupt);
  try {
    const result = await waitForDatasetJob(core.context, jobId);
    if (!result || result.kind !== kind) throw new CliError('the job ended without a result');
    return (result as { value: unknown }).value as JobValues[K];
  } catch (error) {
    const job = core.context.jobs.get(jobId);
    if (job?.status === 'cancelled') throw new CliError('cancelled; nothing was saved', 130);
    if (error instanceof CliError) throw error;
    throw new CliError(job?.error ?? String(error));
  } finally {
    process.off('SIGINT', interrupt);
    unsubscribe();
    if (started) bar.stop();
  }
}

/** A version by dataset name (latest, `--at N` or `NAME@N`) or by its id (`dv_…`). */
export function resolveVersion(
  core: Core,
  nameOrId: string,
  version?: string,
): { id: string; datasetId: string; version: number; itemCount: number; contentHash: string } {
  const repo = core.context.repos.datasets;
  // NAME@N names a version too (commander keeps --version for the program's own version).
  const at = /^(.+)@(\d+)$/.exec(nameOrId);
  if (at && version === undefined) return resolveVersion(core, at[1] ?? '', at[2]);
  if (/^dv_[0-9a-z]+$/.test(nameOrId)) {
    const found = repo.version(nameOrId);
    if (found?.isFrozen) return found;
    throw unknownInWorkspace(core, 'dataset version', nameOrId);
  }
  const number = version === undefined ? undefined : Number(version);
  if (number !== undefined && (!Number.isInteger(number) || number < 1)) {
    throw new CliError(`version must be a positive integer, got "${version}"`, exitCodes.usage);
  }
  const found = repo.findVersion(nameOrId, number);
  if (!found) {
    const known = repo.list().map((d) => d.name);
    throw number === undefined
      ? unknownInWorkspace(
          core,
          'dataset named',
          `"${nameOrId}"`,
          known.length ? `datasets: ${known.join(', ')}` : 'see `yardstick datasets list`',
        )
      : unknownInWorkspace(core, `version ${number} of dataset`, `"${nameOrId}"`);
  }
  return found;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInt(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0)
      throw new CliError(`${name} must be a non-negative integer, got "${text}"`, exitCodes.usage);
    return n;
  };
}
