/**
 * What bench:longops and bench:dataset-delete share: a core on a bench workspace, a route call
 * that throws on a refusal, and an operation timed while the event loop's delay is sampled
 * (perf_hooks monitorEventLoopDelay at 1 ms resolution: p99 and max), printed against the UI
 * target of a 20 ms p99.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore, type Core } from '../src-main/core/host';

const loopTargetMs = 20;

export function openBenchCore(workspaceDir: string, keyFile: string): Core {
  return createCore({
    workspaceDir,
    resourcesDir: join(import.meta.dirname, '../resources'),
    appVersion: 'bench',
    env: { YARDSTICK_KEY_FILE: keyFile },
  });
}

export async function call(core: Core, route: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(route, input);
  if (!result.ok) throw new Error(`${route}: ${JSON.stringify(result.error)}`);
  return result.value;
}

export interface Measured {
  wallMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Runs `op` while sampling the event loop's delay. */
export async function measured(op: () => Promise<unknown>): Promise<Measured> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The monitor records from its second tick on: give it a few before the operation starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  await op();
  const wallMs = performance.now() - started;
  // A few more periods, so a block at the very end is recorded.
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return { wallMs, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
}

/** One printed line: wall time, loop delay p99 and max, and the verdict against the target. */
export function loopLine(what: string, m: Measured): string {
  const verdict = m.p99Ms <= loopTargetMs ? 'PASS' : 'MISS';
  return (
    `${what.padEnd(28)} wall ${(m.wallMs / 1000).toFixed(2).padStart(6)} s   loop delay p99 ` +
    `${m.p99Ms.toFixed(1).padStart(7)} ms  max ${m.maxMs.toFixed(1).padStart(7)} ms   ` +
    `(p99 target ≤ ${loopTargetMs} ms: ${verdict}; max/target ${(m.maxMs / loopTargetMs).toFixed(1)}×)`
  );
}
