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
import { waitForDatasetJob } from '../src-main/core/datasets/jobs';
import { call, loopLine, measured, openBenchCore } from './loopDelay';

const itemCount = Number(process.env.BENCH_DATASET_DELETE_ITEMS ?? 1_000_000);

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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-dsdelete-'));
  const workspaceDir = join(dir, 'workspace');
  const keyFile = join(dir, 'key');
  try {
    const file = join(dir, 'big.jsonl');
    const fillStart = performance.now();
    await generate(file, itemCount);
    let core = openBenchCore(workspaceDir, keyFile);
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

    core = openBenchCore(workspaceDir, keyFile);
    try {
      const preview = await measured(() => call(core, 'datasets.deletePreview', { versionId }));
      console.log(loopLine('datasets.deletePreview', preview));
      let removed: unknown;
      const removal = await measured(async () => {
        removed = await call(core, 'datasets.delete', { versionId });
      });
      console.log(loopLine('datasets.delete (1 version)', removal));
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
