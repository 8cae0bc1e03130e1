import { describe, expect, it } from 'vitest';
import {
  ProviderError,
  type CompletionRequest,
  type CompletionResult,
  type ProviderAdapter,
} from '@core/providers/types';
import type { CellOutcome, EngineSettings, WorkCell } from '@core/runner/protocol';
import { Scheduler } from '@core/runner/scheduler';

/**
 * The scheduler against adapters scripted at the adapter contract (the engine's boundary with
 * the network); end-to-end behaviour over HTTP is tested against the simulator in
 * tests/integration/runner.
 */
function result(text: string): CompletionResult {
  const now = performance.now();
  return {
    text,
    finishReason: 'stop',
    inputTokens: 3,
    outputTokens: 2,
    timing: { startedAt: now - 1, firstTokenAt: null, endedAt: now, interTokenMs: null },
    httpStatus: 200,
  };
}

function adapter(answer: (request: CompletionRequest, call: number) => Promise<CompletionResult>) {
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: string[] = [];
  const impl: ProviderAdapter = {
    async complete(request) {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(request.requestTag ?? '');
      try {
        return await answer(request, calls);
      } finally {
        inFlight -= 1;
      }
    },
    testConnection: () => Promise.resolve({ ok: true, message: 'ok' }),
  };
  return { impl, stats: () => ({ calls, maxInFlight, seen }) };
}

const settings: EngineSettings = {
  timeoutMs: 5_000,
  retries: 2,
  breaker: { failures: 100, cooldownMs: 10, maxOpens: 3 },
  backoff: { baseMs: 1, capMs: 5, maxRetryAfterMs: 50 },
  seed: 1,
};

function cells(n: number, modelKey = 'm'): WorkCell[] {
  return Array.from({ length: n }, (_, i) => ({
    cellId: `${modelKey}-${i}`,
    ordinal: i,
    modelKey,
    messages: [{ role: 'user', content: `q${i}` }],
    params: {},
    estTokens: 10,
  }));
}

function harness(
  provider: ProviderAdapter,
  options: {
    concurrency?: number;
    settings?: Partial<EngineSettings>;
    total?: number;
    models?: string[];
  } = {},
) {
  const outcomes: CellOutcome[] = [];
  const models = options.models ?? ['m'];
  const pending = new Map(models.map((m) => [m, cells(options.total ?? 20, m)]));
  let drained!: () => void;
  const done = new Promise<void>((resolve) => (drained = resolve));
  let paused = 0;
  const scheduler: Scheduler = new Scheduler(
    [{ key: 'lane', adapter: provider, limits: { concurrency: options.concurrency ?? 4 } }],
    models.map((modelKey) => ({ modelKey, laneKey: 'lane', model: 'x', stream: false })),
    { ...settings, ...options.settings },
    {
      needCells: (modelKey, count) => {
        const queue = pending.get(modelKey) ?? [];
        const batch = queue.splice(0, count);
        // Answer asynchronously, as the main thread does.
        setImmediate(() => scheduler.addCells(modelKey, batch, queue.length === 0));
      },
      outcome: (outcome) => outcomes.push(outcome),
      drained: () => drained(),
      paused: () => (paused += 1),
    },
  );
  return { scheduler, outcomes, done, paused: () => paused };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduler', () => {
  it('sends every cell once within the concurrency limit and flags one cold start', async () => {
    const { impl, stats } = adapter(async (request) => {
      await wait(1);
      return result(request.messages[0]?.content ?? '');
    });
    const h = harness(impl, { concurrency: 3, total: 150, models: ['a', 'b'] });
    h.scheduler.start();
    await h.done;
    expect(h.outcomes).toHaveLength(300);
    expect(new Set(h.outcomes.map((o) => o.cellId)).size).toBe(300);
    expect(stats().calls).toBe(300);
    expect(stats().maxInFlight).toBeLessThanOrEqual(3);
    expect(h.outcomes.filter((o) => o.isColdStart)).toHaveLength(1);
    expect(h.outcomes.every((o) => o.ok && o.attempts === 1 && o.inputTokens === 3)).toBe(true);
  });

  it('retries retryable failures and gives up after the allowed retries with the error class', async () => {
    const failing = new Set(['m-0', 'm-1']);
    const { impl } = adapter((request) => {
      if (failing.has(request.requestTag ?? ''))
        return Promise.reject(new ProviderError('server', 'HTTP 500', { httpStatus: 500 }));
      if (request.requestTag === 'm-2')
        return Promise.reject(new ProviderError('auth', 'bad key', { httpStatus: 401 }));
      return Promise.resolve(result('ok'));
    });
    const h = harness(impl, { total: 5 });
    h.scheduler.start();
    await h.done;
    const byId = new Map(h.outcomes.map((o) => [o.cellId, o]));
    expect(byId.get('m-0')).toMatchObject({
      ok: false,
      errorClass: 'server',
      httpStatus: 500,
      attempts: 3,
    });
    expect(byId.get('m-2')).toMatchObject({ ok: false, errorClass: 'auth', attempts: 1 });
    expect(byId.get('m-3')).toMatchObject({ ok: true, attempts: 1 });
  });

  it('times out an attempt that never answers, as a timeout', async () => {
    const { impl } = adapter(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    const h = harness(impl, { total: 2, settings: { timeoutMs: 20, retries: 1 } });
    h.scheduler.start();
    await h.done;
    expect(h.outcomes.map((o) => [o.errorClass, o.attempts])).toEqual([
      ['timeout', 2],
      ['timeout', 2],
    ]);
  });

  it('pauses (in-flight requests finish, nothing new starts) and resumes', async () => {
    const release: Array<() => void> = [];
    const { impl, stats } = adapter(
      () => new Promise((resolve) => release.push(() => resolve(result('ok')))),
    );
    const h = harness(impl, { concurrency: 2, total: 10 });
    h.scheduler.start();
    await wait(5);
    expect(stats().calls).toBe(2);
    h.scheduler.pause();
    for (const r of release.splice(0)) r();
    await wait(5);
    expect(h.paused()).toBe(1);
    expect(h.outcomes).toHaveLength(2);
    expect(stats().calls).toBe(2);
    h.scheduler.resume();
    const drain = setInterval(() => release.splice(0).forEach((r) => r()), 1);
    await h.done;
    clearInterval(drain);
    expect(h.outcomes).toHaveLength(10);
  });

  it('cancels: aborts in-flight requests, which leave no outcome, and drops the queue', async () => {
    const reasons: unknown[] = [];
    const { impl, stats } = adapter(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => {
            reasons.push(request.signal.reason);
            reject(new ProviderError('cancelled', 'cancelled'));
          }),
        ),
    );
    const h = harness(impl, { concurrency: 3, total: 10 });
    h.scheduler.start();
    await wait(5);
    await h.scheduler.cancel();
    expect(stats().calls).toBe(3);
    expect(h.outcomes).toEqual([]);
    expect(reasons.every((r) => (r as Error).name === 'AbortError')).toBe(true);
    h.scheduler.addCells('m', cells(3), true);
    await wait(5);
    expect(stats().calls).toBe(3);
  });

  it('fails the remaining cells as unavailable once the circuit breaker has tripped', async () => {
    const { impl, stats } = adapter(() =>
      Promise.reject(new ProviderError('network', 'ECONNREFUSED')),
    );
    const h = harness(impl, {
      concurrency: 1,
      total: 30,
      settings: { retries: 0, breaker: { failures: 2, cooldownMs: 1, maxOpens: 2 } },
    });
    h.scheduler.start();
    await h.done;
    expect(h.outcomes).toHaveLength(30);
    expect(stats().calls).toBe(3); // two failures open it, the probe fails and trips it
    expect(h.outcomes.filter((o) => o.errorClass === 'unavailable')).toHaveLength(27);
    expect(h.outcomes.find((o) => o.errorClass === 'unavailable')?.errorMessage).toMatch(
      /kept failing.*ECONNREFUSED/,
    );
  });

  it('honours a rate-limited provider’s retry hint before sending again', async () => {
    const sentAt: number[] = [];
    const { impl } = adapter((_request, call) => {
      sentAt.push(performance.now());
      return call === 1
        ? Promise.reject(
            new ProviderError('rate_limited', 'HTTP 429', { httpStatus: 429, retryAfterMs: 40 }),
          )
        : Promise.resolve(result('ok'));
    });
    const h = harness(impl, { concurrency: 1, total: 1 });
    h.scheduler.start();
    await h.done;
    expect(h.outcomes[0]).toMatchObject({ ok: true, attempts: 2 });
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(39);
  });
});
