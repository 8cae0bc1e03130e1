/**
 * Throughput of the simulator and the OpenAI adapter together, simulator in its own process
 * (as the engine benchmark runs it):
 *   node --import tsx tests/simulator/bench.ts [requests=20000] [concurrency=200] [latencyMs=0]
 * Prints requests/s and the client-minus-server latency percentiles (adapter overhead).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { providerRegistry } from '../../src-main/core/providers/registry';
import type { SimLogEntry } from './types';

const [requests = 20_000, concurrency = 200, latencyMs = 0] = process.argv.slice(2).map(Number);
const stream = process.env.BENCH_STREAM === '1';

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./main.ts', import.meta.url)),
    '--port',
    '0',
    '--config',
    JSON.stringify({
      latency: latencyMs,
      responder: { kind: 'fixed', text: 'ok, simulated answer' },
    }),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolve) => {
  child.stdout.on('data', (chunk: Buffer) => {
    const line = chunk
      .toString()
      .split('\n')
      .find((l) => l.startsWith('http://'));
    if (line) resolve(line.trim());
  });
});

const adapter = providerRegistry.create(
  'openai-compatible',
  { baseUrl: `${url}/v1`, maxConnections: concurrency },
  { secret: () => undefined },
);
const clientMs = new Map<string, number>();
const cpuBefore = process.cpuUsage();
const simBefore = (await (await fetch(`${url}/__sim/stats`)).json()) as {
  cpuUserMs: number;
  cpuSystemMs: number;
};
let next = 0;
const started = performance.now();
async function worker() {
  while (next < requests) {
    const tag = `c${next++}`;
    const result = await adapter.complete({
      model: 'bench',
      messages: [{ role: 'user', content: `item ${tag}` }],
      params: { max_tokens: 16 },
      stream,
      signal: AbortSignal.timeout(30_000),
      requestTag: tag,
    });
    clientMs.set(tag, result.timing.endedAt - result.timing.startedAt);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const simAfter = (await (await fetch(`${url}/__sim/stats`)).json()) as {
  cpuUserMs: number;
  cpuSystemMs: number;
};
const simCpuMs =
  simAfter.cpuUserMs + simAfter.cpuSystemMs - simBefore.cpuUserMs - simBefore.cpuSystemMs;
const log = ((await (await fetch(`${url}/__sim/log`)).json()) as { entries: SimLogEntry[] })
  .entries;
const diffs = log
  .filter((e) => e.tag !== null && clientMs.has(e.tag) && e.latencyMs !== null)
  .map((e) => (clientMs.get(e.tag as string) as number) - (e.latencyMs as number))
  .sort((a, b) => a - b);
const q = (p: number) =>
  diffs[Math.min(diffs.length - 1, Math.floor(p * diffs.length))]?.toFixed(2);
const ideal = latencyMs > 0 ? (requests * latencyMs) / concurrency / 1000 : null;
console.log(
  `${requests} requests, concurrency ${concurrency}, latency ${latencyMs} ms, stream=${stream}: ` +
    `${wall.toFixed(2)} s, ${(requests / wall).toFixed(0)} req/s` +
    (ideal ? `, ${(wall / ideal).toFixed(3)}x ideal ${ideal.toFixed(2)} s` : '') +
    `; client - server latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms` +
    `; CPU per request: client ${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} ms, simulator ${(simCpuMs / requests).toFixed(3)} ms`,
);
await adapter.close?.();
child.kill('SIGTERM');
