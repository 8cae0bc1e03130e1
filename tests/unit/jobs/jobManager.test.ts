import { describe, expect, it } from 'vitest';
import type { JobSummary } from '@contract/index';
import { EventBus } from '@core/events';
import { JobManager, throwIfCancelled } from '@core/jobs/jobManager';

function collect(events: EventBus) {
  const seen: { name: string; payload: JobSummary }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload: payload as JobSummary }));
  return seen;
}

describe('job manager', () => {
  it('reports progress with a rate and an ETA, then completion', async () => {
    const events = new EventBus();
    const seen = collect(events);
    const jobs = new JobManager(events);
    const { id, result } = jobs.start('test', 'count to 50', async (control) => {
      for (let i = 1; i <= 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        control.progress(i, 50);
      }
      return 'done';
    });
    expect(await result).toBe('done');
    const finished = seen.filter((e) => e.name === 'job.finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]?.payload).toMatchObject({ id, status: 'completed', done: 50, total: 50 });
    const withEta = seen.filter((e) => e.name === 'job.progress' && e.payload.etaMs !== null);
    expect(withEta.length).toBeGreaterThan(0);
    // ~100 items/s (10 ms each, plus timer slack).
    const rate = withEta.at(-1)?.payload.rate ?? 0;
    expect(rate).toBeGreaterThan(20);
    expect(rate).toBeLessThan(150);
  });

  it('keeps what a job works on by id beside its title, null when not given', async () => {
    const jobs = new JobManager(new EventBus());
    const named = jobs.start('scoring', 'Scoring nightly', () => Promise.resolve(1), {
      subject: 'run run_01',
    });
    const plain = jobs.start('test', 'plain', () => Promise.resolve(2));
    await Promise.all([named.result, plain.result]);
    expect(jobs.get(named.id)).toMatchObject({ title: 'Scoring nightly', subject: 'run run_01' });
    expect(jobs.get(plain.id)?.subject).toBeNull();
  });

  it('cancels through the signal and ends as cancelled, not failed', async () => {
    const jobs = new JobManager(new EventBus());
    let processed = 0;
    const { id, result } = jobs.start('test', 'endless', async (control) => {
      for (;;) {
        throwIfCancelled(control.signal);
        processed++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(jobs.cancel(id)).toBe(true);
    await expect(result).rejects.toThrow('cancelled');
    expect(jobs.get(id)?.status).toBe('cancelled');
    expect(processed).toBeGreaterThan(0);
    expect(jobs.cancel(id)).toBe(false);
  });

  it('records a failure with its message', async () => {
    const jobs = new JobManager(new EventBus());
    const { id, result } = jobs.start('test', 'broken', () =>
      Promise.reject(new Error('disk full')),
    );
    await expect(result).rejects.toThrow('disk full');
    expect(jobs.get(id)).toMatchObject({ status: 'failed', error: 'Error: disk full' });
  });

  it('shows the rate and ETA the work measures itself, each one sent, and a new title', async () => {
    const events = new EventBus();
    const seen = collect(events);
    const jobs = new JobManager(events);
    let release = () => undefined as void;
    const { id, result } = jobs.start('run', 'Run nightly', async (control) => {
      control.progress(10, 40, '10 ok', { rate: 9.8, etaMs: 3061 });
      // A pause 1 ms later is not swallowed by the throttle: the tray must drop its ETA.
      control.progress(10, 40, 'paused · 10 ok', { rate: 9.8, etaMs: null });
      await new Promise<void>((resolve) => (release = resolve));
    });
    jobs.retitle(id, 'Run nightly (swap)');
    const progress = seen.filter((e) => e.name === 'job.progress').map((e) => e.payload);
    expect(progress.slice(0, 2)).toMatchObject([
      { done: 10, rate: 9.8, etaMs: 3061, message: '10 ok', title: 'Run nightly' },
      { done: 10, rate: 9.8, etaMs: null, message: 'paused · 10 ok' },
    ]);
    expect(progress.at(-1)).toMatchObject({ title: 'Run nightly (swap)', etaMs: null });
    release();
    await result;
    jobs.retitle(id, 'too late');
    expect(jobs.get(id)?.title).toBe('Run nightly (swap)');
  });
});
