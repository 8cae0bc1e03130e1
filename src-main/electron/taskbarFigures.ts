import type { RunProgress } from '@contract/index';

/** What the taskbar (Windows, Linux launchers) or dock (macOS) shows for the executing runs. */
export interface TaskbarProgress {
  /** 0…1 while runs execute; -1 removes the bar. */
  fraction: number;
  /** `paused` when every executing run is paused (a yellow bar on Windows). */
  mode: 'normal' | 'paused';
}

/** Planned, sending or paused: the run still has an execution in the core. */
export function isExecuting(progress: RunProgress): boolean {
  return (
    progress.status === 'planned' || progress.status === 'running' || progress.status === 'paused'
  );
}

/**
 * The runs' cells done over cells planned, all runs together: the figure the window title
 * shows as a percentage (the renderer's `overallPercent`), so the two never disagree.
 * Kept to whole percents: the bar cannot show finer, and fewer changes mean fewer OS calls.
 */
export function taskbarProgressOf(runs: Iterable<RunProgress>): TaskbarProgress {
  const executing = [...runs].filter(isExecuting);
  if (executing.length === 0) return { fraction: -1, mode: 'normal' };
  const total = executing.reduce((sum, r) => sum + r.total, 0);
  const done = executing.reduce((sum, r) => sum + Math.min(r.done, r.total), 0);
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  const isAllPaused = executing.every((r) => r.status === 'paused');
  return { fraction: percent / 100, mode: isAllPaused ? 'paused' : 'normal' };
}
