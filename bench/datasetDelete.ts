/**
 * `npm run bench:dataset-delete`: deleting a large dataset version, and how much it holds up
 * the core's event loop. Generates BENCH_DATASET_DELETE_ITEMS JSON Lines rows (1,000,000 by
 * default, about 450 MB, each with 2 tags) in a temporary folder, imports them through the
 * core's dispatch (the app's import job), reopens the workspace, then calls
 * `datasets.deletePreview` and `datasets.delete` as the app does. Prints wall time and the loop
 * delay (perf_hooks monitorEventLoopDelay at 1 ms resolution, as bench/longOps.ts: p99, max)
 * against the 20 ms p99 target. Time-based: run it on a quiet machine.
 *
 *   npx tsx bench/datasetDelete.ts
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { waitForDatasetJob } from '../src-main/core/datasets/jobs';
import { createCore, type Core } from '../src-main/core/host';

const itemCount = Number(process.env.BENCH_DATASET_DELETE_ITEMS ?? 1_000_000);
const loopTargetMs = 20;

const words = (
  'the of and to in is was for on that with as by at from his her an which be this are or had ' +
  'answer question customer invoice refund account password billing cloud sync device error'
).split(' ');

/** An eval row like bench/import.ts writes: a question, an answer, a category, 2 tags. */
function row(i: number): string {
  let seed = (i * 2654435761) >>> 0;
  const next = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0);
  const question = Array.from({ length: 40 + (next() % 50) }, () => words[next() % words.length]);
  return `${JSON.stringify({
    id: `row-${i}`,
    question: `${question.join(' ')}?`,
    answer: `${next() % 1000}`,
    category: `category-${next() % 24}`,
    tags: [`t${next() % 7}`, `u${next() % 11}`],
  })}\n`;
}

async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i += 2000) {
    const chunk: string[] = [];
    for (let j = i; j < Math.min(rows, i + 2000); j++) chunk.push(row(j));
    if (!out.write(chunk.join('')))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function openCore(workspaceDir: string, keyFile: string): Core {
  return createCore({
    workspaceDir,
    resourcesDir: join(import.meta.dirname, '../resources'),
    appVersion: 'bench',
    env: { YARDSTICK_KEY_FILE: keyFile },
  });
}

async function call(core: Core, route: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(route, input);
  if (!result.ok) throw new Error(`${route}: ${JSON.stringify(result.error)}`);
  return result.value;
}

interface Measured {
  wallMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Runs `op` while sampling the event loop's delay. */
async function measured(op: () => Promise<unknown>): Promise<Measured> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  await op();
  const wallMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return { wallMs, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
}

function line(what: string, m: Measured): string {
  const verdict = m.p99Ms <= loopTargetMs ? 'PASS' : 'MISS';
  return (
    `${what.padEnd(28)} wall ${(m.wallMs / 1000).toFixed(2).padStart(6)} s   loop delay p99 ` +
    `${m.p99Ms.toFixed(1).padStart(7)} ms  max ${m.maxMs.toFixed(1).padStart(7)} ms   ` +
    `(p99 target ≤ ${loopTargetMs} ms: ${verdict}; max/target ${(m.maxMs / loopTargetMs).toFixed(1)}×)`
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-dsdelete-'));
  const workspaceDir = join(dir, 'workspace');
  const keyFile = join(dir, 'key');
  try {
    const file = join(dir, 'big.jsonl');
    const fillStart = performance.now();
    await generate(file, itemCount);
    let core = openCore(workspaceDir, keyFile);
    const { jobId } = (await call(core, 'datasets.import', {
      paths: [file],
      datasetName: 'bench-delete',
    })) as { jobId: string };
    const imported = await waitForDatasetJob(core.context, jobId);
    await core.close();
    const versionId = (imported?.value as { versionId?: string } | undefined)?.versionId;
    if (!versionId) throw new Error(`the import wrote no version: ${JSON.stringify(imported)}`);
    console.log(
      `bench:dataset-delete — ${itemCount.toLocaleString('en')} items, 2 tags each ` +
        `(generated and imported in ${((performance.now() - fillStart) / 1000).toFixed(1)} s)`,
    );

    core = openCore(workspaceDir, keyFile);
    try {
      const preview = await measured(() => call(core, 'datasets.deletePreview', { versionId }));
      console.log(line('datasets.deletePreview', preview));
      let removed: unknown;
      const removal = await measured(async () => {
        removed = await call(core, 'datasets.delete', { versionId });
      });
      console.log(line('datasets.delete (1 version)', removal));
      console.log(`deleted: ${JSON.stringify((removed as { deleted: unknown }).deleted)}`);
      const left = (await call(core, 'datasets.list', {})) as unknown[];
      if (left.length !== 0) throw new Error(`after the deletion: ${JSON.stringify(left)}`);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
