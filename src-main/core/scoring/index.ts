/**
 * The scoring domain's entry points: `scoreRun` (the CLI calls it after a run) and
 * `attachScoring` (the core calls it once: finished runs are scored in the background).
 */
import { z } from 'zod';
import type { CoreContext } from '../context';
import { perCore } from '../util/perCore';
import { scoreRun, type ScoreRunOptions, type ScoreRunResult } from './run/scoreRun';

export { scoreRun, type ScoreRunOptions, type ScoreRunResult };
export { setJudgeProviders } from './run/providers';
export { scorerRegistry, scorerMetadata } from './registry';

const RunFinished = z.object({ runId: z.string(), status: z.string() });

/** Per core, the latest scoring pass asked for each run (the next one waits for it). */
const chainsOf = perCore(() => new Map<string, Promise<unknown>>());

/**
 * Scores a run as a background job. A request for a run that is already being scored waits for
 * that pass and then scores what is left, so two passes never write the same cells at once.
 */
export function scheduleScoring(
  ctx: CoreContext,
  runId: string,
  options: Omit<ScoreRunOptions, 'signal' | 'onProgress'> = {},
): { jobId: string; result: Promise<ScoreRunResult> } {
  const perRun = chainsOf(ctx);
  const previous = perRun.get(runId) ?? Promise.resolve();
  // The tray names the run as the user does; its id stays in the tooltip.
  const runName = ctx.repos.runs.get(runId)?.name ?? runId;
  const job = ctx.jobs.start(
    'scoring',
    `Scoring ${runName}`,
    async (control) => {
      const { signal } = control;
      await previous.catch(() => undefined);
      try {
        const result = await scoreRun(ctx, runId, {
          ...options,
          signal,
          onProgress: (done, total, message) => control.progress(done, total, message),
        });
        ctx.events.emit('scoring.finished', {
          runId,
          status: 'completed',
          scorers: result.scorers.map((s) => ({
            key: s.key,
            scored: s.scored,
            errors: s.errors,
            notes: s.notes,
          })),
          error: null,
        });
        return result;
      } catch (error) {
        ctx.events.emit('scoring.finished', {
          runId,
          status: signal.aborted ? 'cancelled' : 'failed',
          scorers: [],
          error: signal.aborted ? null : ctx.redactor.apply(String(error)),
        });
        throw error;
      }
    },
    { subject: `run ${runId}` },
  );
  perRun.set(runId, job.result);
  void job.result
    .catch(() => undefined)
    .finally(() => {
      if (perRun.get(runId) === job.result) perRun.delete(runId);
    });
  return { jobId: job.id, result: job.result };
}

/** Subscribes to `run.finished` and scores completed (and cancelled, partly answered) runs. */
export function attachScoring(ctx: CoreContext): void {
  const unsubscribe = ctx.events.subscribe((name, payload) => {
    if ((name as string) !== 'run.finished') return;
    const parsed = RunFinished.safeParse(payload);
    if (!parsed.success || !['completed', 'cancelled'].includes(parsed.data.status)) return;
    const { result } = scheduleScoring(ctx, parsed.data.runId);
    result.catch((error: unknown) =>
      ctx.logger.warn('scoring a finished run failed', {
        runId: parsed.data.runId,
        error: String(error),
      }),
    );
  });
  ctx.onClose(unsubscribe);
}
