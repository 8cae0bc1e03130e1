import type { runRoutes } from '@contract/routes/runs';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import { estimateRun, latencyHistoryFrom } from '../runner/estimate';
import { toResultRow, runDetail } from '../runner/results';
import { priceFromTable, runManager, suiteRefused } from '../runner/runManager';
import {
  finishRunRemoval,
  interruptedRunRemovals,
  previewRunRemoval,
  removeRun,
  renameRun,
} from '../runner/runRemoval';
import { tokenCounter } from '../tokens/estimate';
import type { HandlersFor } from './types';

type SuiteRef = { suiteId: string } | { yaml: string; sourcePath?: string | undefined };

/** The text and file name of a suite given by id or by text. */
function suiteText(ctx: CoreContext, ref: SuiteRef): { text: string; file: string } {
  if ('suiteId' in ref) {
    const suite = ctx.repos.suites.get(ref.suiteId);
    if (!suite) throw notFound('suite', ref.suiteId);
    return { text: suite.yaml, file: suite.sourcePath ?? `${suite.name}.yaml` };
  }
  return { text: ref.yaml, file: ref.sourcePath ?? 'suite.yaml' };
}

export const runHandlers = {
  'runs.list': (_input, ctx) => ctx.repos.runs.list(),
  'runs.get': ({ runId }, ctx) => runDetail(ctx, runId, runManager(ctx).isActive(runId)),
  'runs.results': ({ runId, modelKey, status, page }, ctx) => {
    if (!ctx.repos.runs.get(runId)) throw notFound('run', runId);
    const { offset, limit } = page ?? { offset: 0, limit: 100 };
    const result = ctx.repos.responses.page(
      runId,
      { modelKey: modelKey ?? null, status: status ?? null },
      offset,
      limit,
    );
    return { total: result.total, rows: result.rows.map(toResultRow) };
  },
  'runs.progress': ({ runId }, ctx) => runManager(ctx).progress(runId),
  'runs.estimate': async ({ suite, plan }, ctx) => {
    const { text, file } = suiteText(ctx, suite);
    const checked = runManager(ctx).check(text, file);
    if (!checked.ok) throw suiteRefused(checked.issues);
    // One encoding for every model: an estimate, and marked as one.
    const counter = await tokenCounter('o200k_base');
    return estimateRun(
      ctx,
      checked.checked,
      plan ?? {},
      counter,
      priceFromTable(ctx),
      latencyHistoryFrom(ctx),
    );
  },
  'runs.start': async ({ suite, plan, execution }, ctx) => {
    const { text, file } = suiteText(ctx, suite);
    const manager = runManager(ctx);
    await manager.prepare(text, file);
    const planned = manager.plan(text, file, plan ?? {});
    const started = manager.execute(planned.runId, execution ?? {});
    ctx.events.emit('workspace.changed', {
      domain: 'runs',
      reason: `run ${planned.runId} started`,
    });
    return { runId: planned.runId, cellCount: planned.cellCount, jobId: started.jobId };
  },
  'runs.resume': ({ runId, execution, retryErrors }, ctx) => {
    const resumed = runManager(ctx).resume(runId, { ...(execution ?? {}), retryErrors });
    return { runId, pending: resumed.pending, jobId: resumed.started?.jobId ?? null };
  },
  'runs.pause': ({ runId }, ctx) => ({ status: runManager(ctx).pause(runId) }),
  'runs.cancel': ({ runId }, ctx) => ({ cancelled: runManager(ctx).cancel(runId) }),
  'runs.rename': ({ runId, name }, ctx) => renameRun(ctx, runId, name),
  'runs.deletePreview': ({ runId }, ctx) => previewRunRemoval(ctx, runId),
  'runs.delete': ({ runId }, ctx) => removeRun(ctx, runId),
  'runs.interruptedDeletions': (_input, ctx) => interruptedRunRemovals(ctx),
  'runs.finishDelete': ({ runId }, ctx) => finishRunRemoval(ctx, runId),
} satisfies HandlersFor<typeof runRoutes>;
