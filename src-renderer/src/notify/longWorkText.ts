import type { JobSummary, RunFinished, RunProgress } from '@contract/index';
import { formatCount, formatDuration } from '../format';
import type { SectionId } from '../stores/ui';

/** The window title when no run executes. */
export const appTitle = 'Yardstick';

/** A run executing now, as the title names it. */
export interface LiveRun {
  name: string;
  progress: RunProgress;
}

/** Planned, sending or paused: the run still has an execution in the core. */
export function isExecuting(progress: RunProgress): boolean {
  return (
    progress.status === 'planned' || progress.status === 'running' || progress.status === 'paused'
  );
}

/**
 * Cells done over cells planned, all runs together, as a whole percentage. Rounded down so a
 * run never reads 100% before its last cell. Same figures as the run page's bar (done / total).
 */
export function overallPercent(runs: readonly Pick<RunProgress, 'done' | 'total'>[]): number {
  const total = runs.reduce((sum, r) => sum + r.total, 0);
  const done = runs.reduce((sum, r) => sum + r.done, 0);
  return total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 0;
}

/**
 * The window title while runs execute: `42% · nightly — Yardstick` for one,
 * `3 runs (1 paused) · 37% — Yardstick` for several, `Yardstick` for none. The tab strip,
 * the taskbar entry and the window switcher all show it.
 */
export function windowTitle(runs: readonly LiveRun[]): string {
  const executing = runs.filter((r) => isExecuting(r.progress));
  const [only] = executing;
  if (!only) return appTitle;
  const percent = `${overallPercent(executing.map((r) => r.progress))}%`;
  const paused = executing.filter((r) => r.progress.status === 'paused').length;
  if (executing.length === 1) {
    const state = paused ? 'paused · ' : '';
    return `${state}${percent} · ${only.name} — ${appTitle}`;
  }
  const count = `${executing.length} runs`;
  const pausedNote =
    paused === executing.length ? ' paused' : paused > 0 ? ` (${paused} paused)` : '';
  return `${count}${pausedNote} · ${percent} — ${appTitle}`;
}

/** What a system notification says, and where clicking it leads. */
export interface Notice {
  title: string;
  body: string;
  /** Same tag, same notification: two tabs on one server show it once. */
  tag: string;
  target: { section: SectionId; params: string[] } | null;
}

const plural = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** Long error texts are cut: a notification shows a few lines at most. */
function firstLine(text: string, max = 160): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const runTitles: Record<RunFinished['status'], string> = {
  completed: 'Run finished',
  failed: 'Run failed',
  cancelled: 'Run cancelled',
};

/**
 * `nightly: 118 ok, 2 errors in 4 min 12 s`. A run that stopped early says how far it got;
 * a failed one adds the first line of its error. Time is this execution's running time
 * (pauses left out), as the run page shows it.
 */
export function runNotice(finished: RunFinished, runName: string): Notice {
  const p = finished.progress;
  const cached = p.cached > 0 ? ` (${formatCount(p.cached)} cached)` : '';
  const counts = `${formatCount(p.ok)} ok${cached}, ${plural(p.errors, 'error', 'errors')}`;
  const reach =
    finished.status === 'completed' || p.done >= p.total
      ? ''
      : `${formatCount(p.done)} of ${plural(p.total, 'cell', 'cells')}, `;
  const error =
    finished.status === 'failed' && finished.error ? `\n${firstLine(finished.error)}` : '';
  return {
    title: runTitles[finished.status],
    body: `${runName}: ${reach}${counts} in ${formatDuration(p.elapsedMs)}${error}`,
    tag: `yardstick-run-${finished.runId}`,
    target: { section: 'runs', params: [finished.runId] },
  };
}

/**
 * Jobs that get a notification of their own when they end. A run's job is told by the run's
 * notice; scoring starts by itself after a run and is shown on the run's page.
 */
export function notifiesOnEnd(job: JobSummary): boolean {
  return job.status !== 'running' && job.kind !== 'run' && job.kind !== 'scoring';
}

/** Where a job's result is looked at. */
function jobTarget(job: JobSummary): Notice['target'] {
  if (job.kind.startsWith('dataset.')) return { section: 'datasets', params: [] };
  if (job.kind.startsWith('workspace.')) return { section: 'settings', params: [] };
  if (job.kind === 'calibration') return { section: 'calibrate', params: [] };
  if (job.kind.endsWith('model-download')) return { section: 'providers', params: [] };
  const runId = /^run (\S+)$/.exec(job.subject ?? '')?.[1];
  return runId ? { section: 'runs', params: [runId] } : null;
}

const jobEndings: Record<Exclude<JobSummary['status'], 'running'>, string> = {
  completed: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** `Back up the workspace: done` / `Finished in 12 s`, or the first line of the error. */
export function jobNotice(job: JobSummary): Notice {
  const ending = job.status === 'running' ? 'running' : jobEndings[job.status];
  const tookMs =
    job.finishedAt === null ? NaN : Date.parse(job.finishedAt) - Date.parse(job.startedAt);
  const took = Number.isFinite(tookMs) ? ` after ${formatDuration(tookMs)}` : '';
  const body =
    job.status === 'failed'
      ? job.error
        ? firstLine(job.error)
        : `Failed${took}`
      : job.status === 'cancelled'
        ? `Stopped${took}; what it saved is kept`
        : Number.isFinite(tookMs)
          ? `Finished in ${formatDuration(tookMs)}`
          : 'Finished';
  return {
    title: `${job.title}: ${ending}`,
    body,
    tag: `yardstick-job-${job.id}`,
    target: jobTarget(job),
  };
}
