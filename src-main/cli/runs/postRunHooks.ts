import type { Core } from '@core/host';
import { scheduleScoring } from '@core/scoring';
import { summarizeRun } from '@core/scoring/analysis/summary';

export interface PostRunContext {
  core: Core;
  runId: string;
  signal: AbortSignal;
  /** Writes a progress line to stderr (never stdout: `--json` owns it). */
  log: (line: string) => void;
}

/**
 * Work the CLI does after a run's requests have finished, before it prints the summary —
 * the seam where scoring plugs in (e.g. `{ name: 'scores', run: (c) => scoreRun(c.core.context,
 * c.runId, { signal: c.signal }) }`). Each hook's result appears under its name in the `--json`
 * output's `postRun` object. Hooks run in order; one that throws fails the command.
 */
export interface PostRunHook {
  name: string;
  run: (context: PostRunContext) => Promise<unknown>;
}

/**
 * Scores the run with the suite's scorers. The core already schedules scoring when a run
 * finishes; this pass is chained after it (per run, passes never overlap), so the CLI waits
 * for the scores and scores only what is still missing.
 */
const scoreHook: PostRunHook = {
  name: 'scores',
  async run({ core, runId, signal, log }) {
    log('scoring…');
    const { jobId, result } = scheduleScoring(core.context, runId);
    const cancel = () => core.context.jobs.cancel(jobId);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await result;
      // The same summary `yardstick summary RUN` and the app's results view show.
      return summarizeRun(core.context, runId);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  },
};

export const postRunHooks: PostRunHook[] = [scoreHook];
