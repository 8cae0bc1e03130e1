import { describe, expect, it } from 'vitest';
import type { JobSummary } from '@contract/routes/jobs';
import type { Core } from '@core/host';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

/** Every job event of the workspace check, in order. */
function checkJobEvents(core: Core): Array<{ name: string; job: JobSummary }> {
  const seen: Array<{ name: string; job: JobSummary }> = [];
  core.events.subscribe((name, payload) => {
    const job = payload as JobSummary;
    if (name.startsWith('job.') && job.kind === 'workspace.check') seen.push({ name, job });
  });
  return seen;
}

describe('the workspace check as a job in its own thread', () => {
  const tempDir = useTempDir();

  it('reports a job that ends with every table checked for foreign keys', async () => {
    const core = openTestCore(tempDir(), { seedExamples: true });
    try {
      const events = checkJobEvents(core);
      const result = await core.dispatch('workspace.check', {});
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const check = (result as { value: { isHealthy: boolean; tablesChecked: number } }).value;
      expect(check.isHealthy).toBe(true);
      // It starts indeterminate: integrity_check says nothing until it ends.
      expect(events[0]).toMatchObject({
        name: 'job.progress',
        job: { status: 'running', total: null, title: 'Check the workspace' },
      });
      const finished = events.at(-1);
      expect(finished).toMatchObject({
        name: 'job.finished',
        job: { status: 'completed', done: check.tablesChecked, total: check.tablesChecked },
      });
      expect(finished?.job.message).toMatch(/^tables checked for foreign keys · \d+ s elapsed$/);
    } finally {
      await core.close();
    }
  });

  it('shares a check already running, and cancelling it ends the thread and the request', async () => {
    const core = openTestCore(tempDir(), { seedExamples: true });
    try {
      const events = checkJobEvents(core);
      const first = core.dispatch('workspace.check', {});
      const second = core.dispatch('workspace.check', {});
      const started = events.find((e) => e.name === 'job.progress');
      expect(started).toBeDefined();
      expect(core.context.jobs.cancel(started!.job.id)).toBe(true);
      for (const result of [await first, await second])
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'cancelled', message: 'the workspace check was cancelled' },
        });
      expect(events.filter((e) => e.name === 'job.finished').map((e) => e.job.status)).toEqual([
        'cancelled',
      ]);
      // A new request starts a new check.
      const again = await core.dispatch('workspace.check', {});
      expect(again).toMatchObject({ ok: true, value: { isHealthy: true } });
    } finally {
      await core.close();
    }
  });
});
