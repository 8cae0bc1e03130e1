/**
 * `npm run bench:engine`: the run engine's speed, fidelity and footprint targets, measured
 * against the provider simulator running in a separate process on loopback.
 *
 *  1. N=10,000 requests at 50 ms simulated latency, concurrency 100: wall time vs the ideal
 *     N·L/C (target ≤ 1.10×), every response persisted.
 *  2. Latency fidelity at concurrency 100: client-measured minus server-measured latency per
 *     request, matched by cell tag, p99 (target ≤ 3 ms).
 *  3. Zero-latency simulator, N=20,000, concurrency 200: throughput with persistence (target
 *     ≥ 3,000 requests/s) and peak RSS of this process (target ≤ 400 MB).
 *  4. Main-thread event-loop delay p99 during (3) (target ≤ 20 ms).
 *
 * The simulator is warmed up by another client before each workload (see `warmUp`).
 *
 * Wall time runs from the start of execution to the last response committed; planning (all
 * cells written before the first request) is reported on its own line. Latency is what the
 * product stores: for HTTP, from the request written to its socket to the last byte read
 * (providers/http/wireTiming.ts); the simulator's is from its request handler to the reply
 * handed to its socket.
 *
 * [ref] runs the workload of [1]/[2] with the adapter alone (no engine), so the printout shows
 * how much of any miss is the engine's and how much the machine's. It also splits client −
 * server into its two legs, from epoch times both processes take: the request leg (the client
 * wrote the request → the simulator's handler started: the simulator's event loop was busy) and
 * the reply leg (the simulator handed the reply to its socket → the client read its last byte:
 * the client's loop was busy), and gives the p99 without the first wave, whose requests each
 * open a connection.
 *
 * [floor] runs the same workload from a client that does almost nothing (rawHttpCalls.ts: HTTP
 * written by hand on sockets): the client − server latency this machine and the simulator leave
 * for any client, against which [2] and [ref] are read.
 *
 * `npm run bench:engine` builds this file, the engine and the simulator first (bench/run.ts)
 * and runs the bundle, as the app and the CLI run: from TypeScript sources (`tsx
 * bench/engine.ts`) every thread also carries tsx's loader, which is not the product.
 *
 * Then, if promptfoo is installed (PROMPTFOO_BIN, or /tmp/promptfoo; BENCH_PROMPTFOO=0 skips
 * it), `promptfoo eval` runs workloads 1 and 3 against the same simulator and the ratios are
 * printed. On a shared machine, run it under the e2e lock and at a higher priority
 * (`nice -n -15`): the figures then measure the engine rather than the neighbours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { createCore, type Core } from '@core/host';
import { createLogger } from '@core/logging/logger';
import { Redactor } from '@core/logging/redactor';
import { providerRegistry } from '@core/providers/registry';
import { runManager } from '@core/runner/runManager';
import { sql } from '@core/db/sql';
import { quantile } from '@core/stats/descriptive';
import { rawHttpCalls } from './rawHttpCalls';

const bundledRun = import.meta.url.endsWith('.js');
/** The repository: this file is bench/engine.ts, or out/bench/engine.js when built by run.ts. */
const repoRoot = fileURLToPath(new URL(bundledRun ? '../../' : '../', import.meta.url));
/** How to start a Node script next to this one: plain Node for the bundle, tsx for sources. */
function nodeArgs(bundledName: string, source: string): string[] {
  return bundledRun
    ? [fileURLToPath(new URL(`./${bundledName}.js`, import.meta.url))]
    : ['--import', 'tsx', join(repoRoot, source)];
}
const stream = process.env.BENCH_STREAM === '1';

interface SimProcess {
  url: string;
  child: ChildProcess;
}

async function startSimulatorProcess(config: Record<string, unknown>): Promise<SimProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs('simulator', 'tests/simulator/main.ts'),
      '--port',
      '0',
      '--config',
      JSON.stringify(config),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (/^https?:\/\//.test(line.trim())) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${String(code)})`)));
  });
  await warmUp(url);
  return { url, child };
}

/**
 * A provider's servers are warm; a fresh simulator process is not (its code runs in V8's
 * interpreter until compiled, and it accepts its first connections one by one while busy), and
 * that would show as client-side latency of the engine's first requests. So the simulator first
 * answers requests from another client (this thread's fetch, not the engine, whose own start-up
 * is part of what is measured), and its log is cleared.
 */
async function warmUp(url: string) {
  const requests = 2_000;
  const concurrency = 100;
  let sent = 0;
  const body = JSON.stringify({
    model: 'warm-up',
    messages: [{ role: 'user', content: 'warm up' }],
    max_tokens: 16,
  });
  const caller = async () => {
    while (sent++ < requests) {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  await fetch(`${url}/__sim/log`, { method: 'DELETE' });
}

async function stopSimulator(sim: SimProcess) {
  sim.child.kill('SIGTERM');
  await new Promise((resolve) => sim.child.once('exit', resolve));
}

function openBenchCore(dir: string): Core {
  const redactor = new Redactor();
  return createCore({
    workspaceDir: join(dir, 'workspace'),
    resourcesDir: join(repoRoot, 'resources'),
    appVersion: 'bench',
    redactor,
    logger: createLogger({ redactor, level: 'warn', write: () => undefined }),
    env: { YARDSTICK_KEY_FILE: join(dir, 'secret.key') },
  });
}

function suiteFor(baseUrl: string, concurrency: number): string {
  return `version: 1
name: engine-bench
dataset: { name: bench }
prompts:
  - id: p
    messages:
      - { role: user, content: "{{input}}" }
models:
  - id: sim
    provider: openai-compatible
    base_url: ${baseUrl}/v1
    model: sim-model
params: { max_tokens: 16 }
run:
  concurrency: ${concurrency}
  retries: 0
  timeout_ms: 30000
  cache: false
  stream: ${stream}
`;
}

interface Measured {
  runId: string;
  /** From execute() to the first request on the wire (engine worker start-up). */
  firstRequestMs: number;
  /** From the first request sent to the last response committed. */
  sendingMs: number;
  /** CPU of this process (all threads) and of the simulator, per request, during execution. */
  cpuPerRequestMs: number;
  simCpuPerRequestMs: number | null;
  /** Largest RSS sampled (every 50 ms) while the run executed. */
  runRssPeakMb: number;
  /** Event-loop utilisation of the main thread and the engine worker thread. */
  mainBusy: number;
  engineBusy: number | null;
  planMs: number;
  wallMs: number;
  persisted: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

async function simCpuMs(baseUrl: string): Promise<number | null> {
  try {
    const stats = (await (await fetch(`${baseUrl}/__sim/stats`)).json()) as {
      cpuUserMs: number;
      cpuSystemMs: number;
    };
    return stats.cpuUserMs + stats.cpuSystemMs;
  } catch {
    return null;
  }
}

async function runOnce(
  core: Core,
  n: number,
  concurrency: number,
  baseUrl: string,
): Promise<Measured> {
  const { db, repos } = core.context;
  writeFrozenVersion(db, repos.datasets, {
    datasetName: 'bench',
    source: { kind: 'bench' },
    items: Array.from({ length: n }, (_, i) => ({
      key: `k${i}`,
      input: `bench item ${i}: reply with a short sentence`,
      reference: null,
      category: null,
      groupId: null,
    })),
  });
  const manager = runManager(core.context);
  const planStart = performance.now();
  const planned = manager.plan(suiteFor(baseUrl, concurrency), 'bench.yaml');
  const planMs = performance.now() - planStart;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const simBefore = await simCpuMs(baseUrl);
  loop.enable();
  let runRssPeak = process.memoryUsage.rss();
  const rssSampler = setInterval(() => {
    runRssPeak = Math.max(runRssPeak, process.memoryUsage.rss());
  }, 50);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const startEpoch = Date.now();
  const started = manager.execute(planned.runId);
  const outcome = await started.done;
  const wallMs = performance.now() - start;
  const doneEpoch = Date.now();
  const elu = started.execution.utilization();
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(rssSampler);
  loop.disable();
  const simAfter = await simCpuMs(baseUrl);
  if (outcome.status !== 'completed')
    throw new Error(`run ${outcome.status}: ${outcome.error ?? ''}`);
  const persisted =
    db.get<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${planned.runId} AND c.status = 'done'`,
    )?.n ?? 0;
  const firstSent = db.get<{ at: string | null }>(
    sql`SELECT MIN(r.started_at) AS at FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${planned.runId}`,
  )?.at;
  const firstRequestMs = firstSent ? Date.parse(firstSent) - startEpoch : 0;
  return {
    runId: planned.runId,
    firstRequestMs,
    sendingMs: doneEpoch - (firstSent ? Date.parse(firstSent) : startEpoch),
    cpuPerRequestMs: (cpu.user + cpu.system) / 1000 / n,
    mainBusy: elu.main,
    engineBusy: elu.engine,
    simCpuPerRequestMs: simBefore === null || simAfter === null ? null : (simAfter - simBefore) / n,
    planMs,
    wallMs,
    persisted,
    runRssPeakMb: runRssPeak / 1_048_576,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  };
}

function cpuLine(m: Measured) {
  const sim = m.simCpuPerRequestMs === null ? 'n/a' : `${m.simCpuPerRequestMs.toFixed(3)} ms`;
  process.stdout.write(
    `    CPU per request: Yardstick (main + engine threads) ${m.cpuPerRequestMs.toFixed(3)} ms, simulator ${sim}; ` +
      `busy: main thread ${(m.mainBusy * 100).toFixed(0)} %, engine thread ${m.engineBusy === null ? '?' : (m.engineBusy * 100).toFixed(0)} %\n`,
  );
}

function line(name: string, figure: string, target: string, ratio: number, pass: boolean) {
  process.stdout.write(
    `${name.padEnd(46)} ${figure.padStart(14)}   target ${target.padEnd(12)} ratio ${ratio.toFixed(3).padStart(7)}  ${pass ? 'PASS' : 'MISS'}\n`,
  );
}

async function fidelity(core: Core, runId: string, sim: SimProcess) {
  const response = await fetch(`${sim.url}/__sim/log`);
  const { entries: log } = (await response.json()) as {
    entries: Array<{ tag: string | null; latencyMs: number | null }>;
  };
  const server = new Map(
    log.filter((e) => e.tag).map((e) => [e.tag as string, e.latencyMs ?? NaN]),
  );
  const client = core.context.db.all<{ id: string; latency_ms: number; started_at: string }>(
    sql`SELECT c.id, r.latency_ms, r.started_at FROM cells c JOIN responses r ON r.cell_id = c.id WHERE c.run_id = ${runId}`,
  );
  // Where in the run the differences are large (start-up, steady state, or a stall).
  const first = Math.min(...client.map((c) => Date.parse(c.started_at)));
  const bySecond: number[][] = [];
  for (const c of client) {
    const d = c.latency_ms - (server.get(c.id) ?? NaN);
    if (!Number.isFinite(d)) continue;
    const second = Math.floor((Date.parse(c.started_at) - first) / 1000);
    (bySecond[second] ??= []).push(d);
  }
  const diffs = client
    .map((c) => c.latency_ms - (server.get(c.id) ?? NaN))
    .filter((d) => Number.isFinite(d));
  // The first wave opens the connections (concurrency: one request each).
  const afterFirstWave = client
    .slice()
    .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))
    .slice(latencyWorkload.concurrency)
    .map((c) => c.latency_ms - (server.get(c.id) ?? NaN))
    .filter((d) => Number.isFinite(d));
  const serverMs = [...server.values()].filter((v) => Number.isFinite(v));
  const clientMs = client.map((c) => c.latency_ms);
  return {
    matched: diffs.length,
    p50: quantile(diffs, 0.5),
    p99: quantile(diffs, 0.99),
    serverP50: quantile(serverMs, 0.5),
    clientP50: quantile(clientMs, 0.5),
    p99BySecond: bySecond.map((d) => (d.length ? quantile(d, 0.99) : NaN)),
    p99AfterFirstWave: quantile(afterFirstWave, 0.99),
  };
}

/** Workload of [1], [2] and [ref]: N requests at a fixed simulated latency, concurrency C. */
const latencyWorkload = { n: 10_000, latency: 50, concurrency: 100 };

function startLatencySimulator(): Promise<SimProcess> {
  return startSimulatorProcess({
    latency: { kind: 'fixed', ms: latencyWorkload.latency },
    logLimit: 50_000,
  });
}

async function scenarioLatency() {
  const { n, latency, concurrency } = latencyWorkload;
  const sim = await startLatencySimulator();
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'));
  const core = openBenchCore(dir);
  try {
    const m = await runOnce(core, n, concurrency, sim.url);
    const ideal = (n * latency) / concurrency;
    process.stdout.write(
      `\n[1] N=${n}, latency ${latency} ms, concurrency ${concurrency} (${stream ? 'streaming' : 'non-streaming'})\n`,
    );
    process.stdout.write(
      `    planning (${n} cells written before the first request): ${m.planMs.toFixed(0)} ms\n`,
    );
    cpuLine(m);
    process.stdout.write(
      `    execution ${m.wallMs.toFixed(0)} ms = engine start-up ${m.firstRequestMs.toFixed(0)} ms ` +
        `(the worker starts during planning) + first request → last response committed ${m.sendingMs.toFixed(0)} ms\n`,
    );
    line(
      'wall time vs ideal N·L/C',
      `${m.wallMs.toFixed(0)} ms`,
      `≤ ${(ideal * 1.1).toFixed(0)} ms`,
      m.wallMs / ideal,
      m.wallMs / ideal <= 1.1,
    );
    line('responses persisted', `${m.persisted}`, `= ${n}`, m.persisted / n, m.persisted === n);
    const f = await fidelity(core, m.runId, sim);
    process.stdout.write(
      `\n[2] latency fidelity at concurrency ${concurrency} (${f.matched} requests matched by cell tag)\n`,
    );
    process.stdout.write(
      `    latency p50: server ${f.serverP50.toFixed(2)} ms, client ${f.clientP50.toFixed(2)} ms; client − server p50 ${f.p50.toFixed(2)} ms\n`,
    );
    process.stdout.write(
      `    client − server p99 by second of sending: ${f.p99BySecond.map((v) => v.toFixed(1)).join(', ')} ms; ` +
        `without the first ${concurrency} requests (each opens a connection) ${f.p99AfterFirstWave.toFixed(2)} ms\n`,
    );
    line('client − server latency p99', `${f.p99.toFixed(2)} ms`, '≤ 3 ms', f.p99 / 3, f.p99 <= 3);
    report({ scenario: 'latency', wallMs: m.wallMs, sendingMs: m.sendingMs, p99: f.p99 });
  } finally {
    await core.close();
    await stopSimulator(sim);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same workload as [1]/[2] sent by the OpenAI-compatible adapter alone (the same HTTP
 * client and wire timing), from a plain loop of 100 concurrent calls on this thread: no worker,
 * no scheduler, no database. What this machine gives a Node client and the simulator before the
 * engine adds anything; the engine's own cost is the difference.
 */
async function scenarioReference() {
  const { n, latency, concurrency } = latencyWorkload;
  const sim = await startLatencySimulator();
  const adapter = providerRegistry.create(
    'openai-compatible',
    { baseUrl: `${sim.url}/v1`, maxConnections: concurrency },
    { secret: () => undefined },
  );
  try {
    // Epoch times (timeOrigin + performance.now()) compare with the simulator's across processes.
    const client: ClientTimes = new Map();
    let next = 0;
    const started = performance.now();
    const caller = async () => {
      while (next < n) {
        const index = next++;
        const tag = `r${index}`;
        // A timer cleared on completion, as the engine's scheduler does: AbortSignal.timeout()
        // would keep every request's signal, and what listens to it, alive for 30 s.
        const controller = new AbortController();
        const timeout = setTimeout(() => controller.abort(), 30_000);
        const result = await adapter.complete({
          model: 'sim-model',
          messages: [{ role: 'user', content: `bench item ${tag}: reply with a short sentence` }],
          params: { max_tokens: 16 },
          stream,
          signal: controller.signal,
          requestTag: tag,
        });
        clearTimeout(timeout);
        client.set(tag, {
          index,
          sent: performance.timeOrigin + result.timing.startedAt,
          read: performance.timeOrigin + result.timing.endedAt,
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
    const wallMs = performance.now() - started;
    const legs = await legsAgainstLog(sim, client);
    const ideal = (n * latency) / concurrency;
    report({ scenario: 'reference', wallMs, p99: legs.p99 });
    process.stdout.write(
      `\n[ref] the adapter alone, same workload as [1], 100 concurrent calls on one thread (no engine, no database)\n` +
        `    wall ${wallMs.toFixed(0)} ms = ${(wallMs / ideal).toFixed(3)}× ideal; ${legs.summary}\n`,
    );
  } finally {
    await adapter.close?.();
    await stopSimulator(sim);
  }
}

/** Client times of one workload, by the tag the simulator logged. */
type ClientTimes = Map<string, { index: number; sent: number; read: number }>;

/**
 * Client − server latency of a workload from the simulator's log, split into the request leg
 * (written by the client → simulator handler started) and the reply leg (handed to the
 * simulator's socket → last byte read by the client), with the p99 without the first wave.
 */
async function legsAgainstLog(sim: SimProcess, client: ClientTimes) {
  const { entries } = (await (await fetch(`${sim.url}/__sim/log`)).json()) as {
    entries: Array<{ tag: string | null; startedAtEpoch: number; finishedAtEpoch: number | null }>;
  };
  const legs = { request: [] as number[], reply: [] as number[], total: [] as number[] };
  const afterFirstWave: number[] = [];
  for (const e of entries) {
    const c = e.tag === null ? undefined : client.get(e.tag);
    if (!c || e.finishedAtEpoch === null) continue;
    const request = e.startedAtEpoch - c.sent;
    const reply = c.read - e.finishedAtEpoch;
    legs.request.push(request);
    legs.reply.push(reply);
    legs.total.push(request + reply);
    if (c.index >= latencyWorkload.concurrency) afterFirstWave.push(request + reply);
  }
  const ms = (values: number[], q: number) => quantile(values, q).toFixed(2);
  const p99 = quantile(legs.total, 0.99);
  return {
    p99,
    summary:
      `client − server p50 ${ms(legs.total, 0.5)} ms, p99 ${p99.toFixed(2)} ms (${legs.total.length} matched)\n` +
      `    where it arises: request leg (written by the client → simulator handler started) p50 ${ms(legs.request, 0.5)} / p99 ${ms(legs.request, 0.99)} ms, ` +
      `reply leg (handed to the simulator's socket → last byte read by the client) p50 ${ms(legs.reply, 0.5)} / p99 ${ms(legs.reply, 0.99)} ms; ` +
      `p99 without the first ${latencyWorkload.concurrency} requests (each opens a connection) ${ms(afterFirstWave, 0.99)} ms`,
  };
}

/**
 * The workload of [1]/[2] from a client that does almost nothing (bench/rawHttpCalls.ts: HTTP
 * written by hand on sockets, no library, no JSON parsing): the client − server latency this
 * machine and the simulator leave for any client, against which [2] and [ref] are read.
 */
async function scenarioFloor() {
  const { n, concurrency } = latencyWorkload;
  const sim = await startLatencySimulator();
  try {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const client = await rawHttpCalls({
      port: Number(new URL(sim.url).port),
      path: '/v1/chat/completions',
      body: JSON.stringify({
        model: 'sim-model',
        messages: [{ role: 'user', content: 'bench item: reply with a short sentence' }],
        max_tokens: 16,
      }),
      n,
      concurrency,
      tagHeader: 'x-yardstick-cell',
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const legs = await legsAgainstLog(sim, client);
    report({ scenario: 'floor', p99: legs.p99 });
    process.stdout.write(
      `\n[floor] same workload from a client doing almost nothing (hand-written HTTP on 100 sockets, no library, no engine)\n` +
        `    wall ${wallMs.toFixed(0)} ms; client CPU ${((cpu.user + cpu.system) / n).toFixed(0)} µs per request; ${legs.summary}\n`,
    );
  } finally {
    await stopSimulator(sim);
  }
}

async function scenarioThroughput() {
  const n = 20_000;
  const concurrency = 200;
  const sim = await startSimulatorProcess({ latency: 0, logLimit: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-'));
  const core = openBenchCore(dir);
  try {
    const m = await runOnce(core, n, concurrency, sim.url);
    const throughput = (m.persisted * 1000) / m.wallMs;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `\n[3] N=${n}, zero latency, concurrency ${concurrency} (${stream ? 'streaming' : 'non-streaming'})\n`,
    );
    process.stdout.write(
      `    planning: ${m.planMs.toFixed(0)} ms; execution ${m.wallMs.toFixed(0)} ms; ${m.persisted} persisted\n`,
    );
    cpuLine(m);
    report({ scenario: 'throughput', throughput });
    line(
      'throughput with persistence',
      `${throughput.toFixed(0)} req/s`,
      '≥ 3000/s',
      throughput / 3000,
      throughput >= 3000,
    );
    process.stdout.write(
      `    RSS: ${m.runRssPeakMb.toFixed(0)} MB at most while the run executed; the peak below is the whole process's life (dataset import and planning included)\n`,
    );
    line(
      'peak RSS (this process, all threads)',
      `${rssMb.toFixed(0)} MB`,
      '≤ 400 MB',
      rssMb / 400,
      rssMb <= 400,
    );
    process.stdout.write(
      `\n[4] main-thread event-loop delay during [3] (max ${m.loopMaxMs.toFixed(1)} ms)\n`,
    );
    line(
      'event-loop delay p99',
      `${m.loopP99Ms.toFixed(2)} ms`,
      '≤ 20 ms',
      m.loopP99Ms / 20,
      m.loopP99Ms <= 20,
    );
  } finally {
    await core.close();
    await stopSimulator(sim);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Figures a scenario process hands back to the parent (for the promptfoo ratios). */
interface Reported {
  scenario: 'latency' | 'throughput' | 'reference' | 'floor';
  wallMs?: number;
  sendingMs?: number;
  p99?: number;
  throughput?: number;
}

function report(figures: Reported) {
  const file = process.env.BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(figures)}\n`);
}

/** Each scenario runs in a fresh process, so its peak RSS is its own. */
async function runScenarioProcess(name: Reported['scenario'], resultsFile: string) {
  const child = spawn(process.execPath, nodeArgs('engine', 'bench/engine.ts'), {
    cwd: repoRoot,
    env: { ...process.env, BENCH_ONLY: name, BENCH_RESULTS: resultsFile },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the ${name} scenario failed (exit ${String(code)})`);
}

/**
 * promptfoo is not a dependency. Where an installed copy is found (PROMPTFOO_BIN, else
 * /tmp/promptfoo/node_modules/.bin/promptfoo: `npm install promptfoo` there), `promptfoo eval`
 * runs the same two workloads against the same simulator: its wall time includes its own
 * start-up, and it writes its results to its database (in a temporary config directory).
 */
function promptfooBin(): string | null {
  const candidates = [process.env.PROMPTFOO_BIN, '/tmp/promptfoo/node_modules/.bin/promptfoo'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

interface PromptfooMeasured {
  wallMs: number;
  results: number;
  latencyP50: number;
  latencyP99: number;
  serverP50: number;
  serverP99: number;
}

async function runPromptfoo(
  bin: string,
  n: number,
  concurrency: number,
  simConfig: Record<string, unknown>,
): Promise<PromptfooMeasured> {
  const sim = await startSimulatorProcess({ ...simConfig, logLimit: 50_000 });
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-promptfoo-'));
  try {
    const rows = Array.from(
      { length: n },
      (_, i) => `bench item ${i}: reply with a short sentence`,
    );
    writeFileSync(join(dir, 'tests.csv'), `input\n${rows.join('\n')}\n`);
    writeFileSync(
      join(dir, 'promptfooconfig.yaml'),
      `prompts:\n  - '{{input}}'\nproviders:\n  - id: openai:chat:sim-model\n    config:\n` +
        `      apiBaseUrl: ${sim.url}/v1\n      apiKey: simulator\n      max_tokens: 16\n` +
        `tests: file://tests.csv\n`,
    );
    const started = performance.now();
    const child = spawn(
      bin,
      [
        'eval',
        '-c',
        'promptfooconfig.yaml',
        '--max-concurrency',
        String(concurrency),
        '--no-cache',
        '--no-table',
        '--no-progress-bar',
        '-o',
        'results.json',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PROMPTFOO_CONFIG_DIR: join(dir, 'home'),
          PROMPTFOO_DISABLE_TELEMETRY: '1',
          PROMPTFOO_DISABLE_UPDATE: '1',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const wallMs = performance.now() - started;
    if (code !== 0 && code !== 100) throw new Error(`promptfoo eval exited ${String(code)}`);
    const output = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
      results: { results: Array<{ latencyMs?: number; success?: boolean }> };
    };
    const latencies = output.results.results.map((r) => r.latencyMs ?? NaN);
    const { entries } = (await (await fetch(`${sim.url}/__sim/log`)).json()) as {
      entries: Array<{ latencyMs: number | null }>;
    };
    const server = entries.map((e) => e.latencyMs ?? NaN).filter((v) => Number.isFinite(v));
    return {
      wallMs,
      results: latencies.length,
      latencyP50: quantile(latencies, 0.5),
      latencyP99: quantile(latencies, 0.99),
      serverP50: quantile(server, 0.5),
      serverP99: quantile(server, 0.99),
    };
  } finally {
    await stopSimulator(sim);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function comparePromptfoo(resultsFile: string) {
  const bin = promptfooBin();
  if (!bin) {
    process.stdout.write(
      '\npromptfoo: not measured (set PROMPTFOO_BIN, or `npm install promptfoo` in /tmp/promptfoo)\n',
    );
    return;
  }
  const ours = readFileSync(resultsFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Reported);
  const latency = ours.find((r) => r.scenario === 'latency');
  const throughput = ours.find((r) => r.scenario === 'throughput');
  process.stdout.write(`\npromptfoo eval (${bin}), same simulator, same workloads\n`);
  const a = await runPromptfoo(bin, 10_000, 100, { latency: { kind: 'fixed', ms: 50 } });
  const ideal = (10_000 * 50) / 100;
  process.stdout.write(
    `[1] N=10000, latency 50 ms, concurrency 100: promptfoo ${a.wallMs.toFixed(0)} ms ` +
      `(${(a.wallMs / ideal).toFixed(3)}× ideal; ${a.results} results), Yardstick ${latency?.wallMs?.toFixed(0) ?? '?'} ms ` +
      `(${latency?.wallMs ? (latency.wallMs / ideal).toFixed(3) : '?'}× ideal): promptfoo / Yardstick ${latency?.wallMs ? (a.wallMs / latency.wallMs).toFixed(2) : '?'}\n`,
  );
  process.stdout.write(
    `    latency promptfoo reports p50 ${a.latencyP50.toFixed(0)} ms / p99 ${a.latencyP99.toFixed(0)} ms; ` +
      `server p50 ${a.serverP50.toFixed(1)} / p99 ${a.serverP99.toFixed(1)} ms (promptfoo sends no cell tag: not matched per request; ` +
      `Yardstick's matched client − server p99 ${latency?.p99?.toFixed(2) ?? '?'} ms)\n`,
  );
  const b = await runPromptfoo(bin, 20_000, 200, { latency: 0 });
  const rate = (b.results * 1000) / b.wallMs;
  process.stdout.write(
    `[3] N=20000, zero latency, concurrency 200: promptfoo ${rate.toFixed(0)} req/s (${b.wallMs.toFixed(0)} ms), ` +
      `Yardstick ${throughput?.throughput?.toFixed(0) ?? '?'} req/s: Yardstick / promptfoo ${throughput?.throughput ? (throughput.throughput / rate).toFixed(2) : '?'}\n`,
  );
}

const only = process.env.BENCH_ONLY;
if (only === 'latency') await scenarioLatency();
else if (only === 'throughput') await scenarioThroughput();
else if (only === 'reference') await scenarioReference();
else if (only === 'floor') await scenarioFloor();
else {
  process.stdout.write(
    `Yardstick engine benchmark (Node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${loadavg()[0]?.toFixed(1)} at start, ` +
      `${stream ? 'streaming' : 'non-streaming'}; the simulator runs in its own process)\n`,
  );
  const resultsDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-results-'));
  const resultsFile = join(resultsDir, 'results.jsonl');
  writeFileSync(resultsFile, '');
  try {
    await runScenarioProcess('latency', resultsFile);
    await runScenarioProcess('reference', resultsFile);
    await runScenarioProcess('floor', resultsFile);
    await runScenarioProcess('throughput', resultsFile);
    if (process.env.BENCH_PROMPTFOO !== '0') await comparePromptfoo(resultsFile);
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
  process.stdout.write(`\nload average at the end: ${loadavg()[0]?.toFixed(1)}\n`);
}
