import { describe, expect, it } from 'vitest';
import type { JobSummary, RunFinished, RunProgress } from '@contract/index';
import { taskbarProgressOf } from '../../../src-main/electron/taskbarFigures';
import {
  jobNotice,
  notifiesOnEnd,
  overallPercent,
  runNotice,
  windowTitle,
} from '../../../src-renderer/src/notify/longWorkText';

function progress(over: Partial<RunProgress> & Pick<RunProgress, 'runId'>): RunProgress {
  return {
    status: 'running',
    total: 100,
    done: 0,
    ok: 0,
    errors: 0,
    cached: 0,
    costUsd: null,
    throughputPerSec: null,
    etaMs: null,
    elapsedMs: 0,
    models: [],
    errorsByClass: {},
    providers: [],
    ...over,
  };
}

function job(over: Partial<JobSummary>): JobSummary {
  return {
    id: 'job_1',
    kind: 'workspace.backup',
    title: 'Back up the workspace',
    subject: null,
    status: 'completed',
    done: 10,
    total: 10,
    rate: null,
    etaMs: null,
    message: null,
    error: null,
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:12.000Z',
    ...over,
  };
}

describe('window title', () => {
  it('is the app name when no run executes, ended runs included', () => {
    expect(windowTitle([])).toBe('Yardstick');
    const ended = progress({ runId: 'r1', status: 'completed', done: 100 });
    expect(windowTitle([{ name: 'nightly', progress: ended }])).toBe('Yardstick');
  });

  it('carries one run: its percentage and name, and says when it is paused', () => {
    const running = progress({ runId: 'r1', done: 42 });
    expect(windowTitle([{ name: 'nightly', progress: running }])).toBe('42% · nightly — Yardstick');
    const paused = { ...running, status: 'paused' as const };
    expect(windowTitle([{ name: 'nightly', progress: paused }])).toBe(
      'paused · 42% · nightly — Yardstick',
    );
  });

  it('carries several runs as a count and the percentage of all their cells', () => {
    const a = progress({ runId: 'a', done: 10, total: 100 });
    const b = progress({ runId: 'b', done: 290, total: 300 });
    const runs = [
      { name: 'a', progress: a },
      { name: 'b', progress: b },
    ];
    // (10 + 290) / 400 = 75%: cells, not the mean of the runs' percentages (53%).
    expect(windowTitle(runs)).toBe('2 runs · 75% — Yardstick');
    const bPaused = { name: 'b', progress: { ...b, status: 'paused' as const } };
    expect(windowTitle([runs[0]!, bPaused])).toBe('2 runs (1 paused) · 75% — Yardstick');
    const aPaused = { name: 'a', progress: { ...a, status: 'paused' as const } };
    expect(windowTitle([aPaused, bPaused])).toBe('2 runs paused · 75% — Yardstick');
  });

  it('rounds down, so a run shows 100% only when every cell is done', () => {
    expect(overallPercent([{ done: 999, total: 1000 }])).toBe(99);
    expect(overallPercent([{ done: 1000, total: 1000 }])).toBe(100);
    expect(overallPercent([{ done: 0, total: 0 }])).toBe(0);
  });

  it('agrees with the taskbar bar the Electron layer shows', () => {
    const cases: RunProgress[][] = [
      [],
      [progress({ runId: 'a', done: 1, total: 3 })],
      [progress({ runId: 'a', done: 999, total: 1000 })],
      [progress({ runId: 'a', done: 10, total: 100 }), progress({ runId: 'b', done: 7, total: 9 })],
      [progress({ runId: 'a', status: 'planned', done: 0, total: 0 })],
    ];
    for (const runs of cases) {
      const bar = taskbarProgressOf(runs);
      if (runs.length === 0) expect(bar.fraction).toBe(-1);
      else expect(Math.round(bar.fraction * 100)).toBe(overallPercent(runs));
    }
  });

  it('tells the taskbar to show paused only when every executing run is paused', () => {
    const running = progress({ runId: 'a', done: 50 });
    const paused = progress({ runId: 'b', status: 'paused', done: 50 });
    const ended = progress({ runId: 'c', status: 'cancelled', done: 10 });
    expect(taskbarProgressOf([running, paused])).toEqual({ fraction: 0.5, mode: 'normal' });
    expect(taskbarProgressOf([paused, ended])).toEqual({ fraction: 0.5, mode: 'paused' });
    expect(taskbarProgressOf([ended])).toEqual({ fraction: -1, mode: 'normal' });
  });
});

describe('run notice', () => {
  const finished = (over: Partial<RunFinished>, p: Partial<RunProgress> = {}): RunFinished => ({
    runId: 'run_1',
    status: 'completed',
    error: null,
    progress: progress({
      runId: 'run_1',
      status: 'completed',
      total: 120,
      done: 120,
      ok: 118,
      errors: 2,
      elapsedMs: 252_000,
      ...p,
    }),
    ...over,
  });

  it('says how a completed run went, in how long, and opens that run', () => {
    expect(runNotice(finished({}), 'nightly')).toEqual({
      title: 'Run finished',
      body: 'nightly: 118 ok, 2 errors in 4 min 12 s',
      tag: 'yardstick-run-run_1',
      target: { section: 'runs', params: ['run_1'] },
    });
  });

  it('counts cached answers and uses the singular for one error', () => {
    const n = runNotice(finished({}, { ok: 119, errors: 1, cached: 40, elapsedMs: 9_500 }), 'x');
    expect(n.body).toBe('x: 119 ok (40 cached), 1 error in 9.5 s');
  });

  it('says how far a cancelled run got', () => {
    const n = runNotice(
      finished({ status: 'cancelled' }, { status: 'cancelled', done: 40, ok: 40, errors: 0 }),
      'nightly',
    );
    expect(n.title).toBe('Run cancelled');
    expect(n.body).toBe('nightly: 40 of 120 cells, 40 ok, 0 errors in 4 min 12 s');
  });

  it('adds the first line of a failed run’s error, cut to fit', () => {
    const error = `${'disk full '.repeat(30)}\nstack trace`;
    const n = runNotice(
      finished({ status: 'failed', error }, { status: 'failed', done: 3, ok: 3, errors: 0 }),
      'nightly',
    );
    expect(n.title).toBe('Run failed');
    const [summary, reason] = n.body.split('\n');
    expect(summary).toBe('nightly: 3 of 120 cells, 3 ok, 0 errors in 4 min 12 s');
    expect(reason).toHaveLength(160);
    expect(reason?.endsWith('…')).toBe(true);
    expect(n.body).not.toContain('stack trace');
  });
});

describe('job notice', () => {
  it('says a finished job is done, how long it took, and where to look', () => {
    expect(jobNotice(job({}))).toEqual({
      title: 'Back up the workspace: done',
      body: 'Finished in 12 s',
      tag: 'yardstick-job-job_1',
      target: { section: 'settings', params: [] },
    });
    const imported = jobNotice(job({ kind: 'dataset.import', title: 'Import tickets.csv' }));
    expect(imported.target).toEqual({ section: 'datasets', params: [] });
  });

  it('gives a failed job’s error, and a cancelled one keeps what it saved', () => {
    const failed = jobNotice(job({ status: 'failed', error: 'tickets.csv, line 4: bad quote' }));
    expect(failed.title).toBe('Back up the workspace: failed');
    expect(failed.body).toBe('tickets.csv, line 4: bad quote');
    const cancelled = jobNotice(job({ status: 'cancelled' }));
    expect(cancelled.body).toBe('Stopped after 12 s; what it saved is kept');
  });

  it('leads an export back to its run through the job’s subject', () => {
    const n = jobNotice(job({ kind: 'reports.export', subject: 'run run_9' }));
    expect(n.target).toEqual({ section: 'runs', params: ['run_9'] });
  });

  it('leaves runs and their automatic scoring to the run’s own notice', () => {
    expect(notifiesOnEnd(job({ kind: 'run' }))).toBe(false);
    expect(notifiesOnEnd(job({ kind: 'scoring' }))).toBe(false);
    expect(notifiesOnEnd(job({ kind: 'dataset.import' }))).toBe(true);
    expect(notifiesOnEnd(job({ kind: 'dataset.import', status: 'running' }))).toBe(false);
  });
});
