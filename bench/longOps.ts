/**
 * `npm run bench:longops`: how long the core's long database operations take and how much they
 * hold up the main thread's event loop while they run — the workspace check (integrity_check +
 * foreign_key_check) and deleting a large run. Builds a workspace of BENCH_LONGOPS_CELLS cells
 * (200,000 by default: 4 models × 50,000 items, each with a response and 2 scores, plus a small
 * run that stays) through the real repositories, reopens it, then calls both through the core's
 * dispatch exactly as the app does. Prints wall time and the loop delay (perf_hooks
 * monitorEventLoopDelay at 1 ms resolution, as bench/engine.ts: p99, max; an idle loop reads
 * about 1 ms) against the 20 ms p99 target. Time-based: run it on a quiet machine.
 *
 *   npx tsx bench/longOps.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScoringRepo, type NewScoreRow } from '../src-main/core/scoring/repo';
import { fabricateRun, type FabricatedCell } from '../tests/support/fabricateRun';
import type { Core } from '../src-main/core/host';
import { call, loopLine, measured, openBenchCore } from './loopDelay';

const models = ['alpha', 'beta', 'gamma', 'delta'];
const totalCells = Number(process.env.BENCH_LONGOPS_CELLS ?? 200_000);
const items = Math.ceil(totalCells / models.length);

const suite = (name: string, keys: readonly string[]) => `version: 1
name: ${name}
dataset: { name: bench-longops }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
${keys.map((m) => `  - { id: ${m}, provider: openai, model: ${m} }`).join('\n')}
`;

/** A run of `keys` over every item, each cell answered and scored twice. */
function fillRun(core: Core, name: string, keys: readonly string[], itemCount: number): string {
  const list = Array.from({ length: itemCount }, (_, i) => ({
    key: `item-${String(i).padStart(6, '0')}`,
    input: `Question ${i}: how do I reset the sync client on device ${i}?`,
    reference: `answer ${i}`,
    category: ['billing', 'sync', 'account', 'bug'][i % 4] as string,
  }));
  const cells: FabricatedCell[] = list.flatMap((item, i) =>
    keys.map((model) => ({
      itemKey: item.key,
      modelKey: model,
      output: `${model} answers question ${i}: restart the sync client, then sign in again.`,
      latencyMs: 200 + (i % 300),
      inputTokens: 30,
      outputTokens: 40,
      costUsd: 0.0002,
    })),
  );
  const run = fabricateRun(core, {
    datasetName: 'bench-longops',
    items: list,
    suiteYaml: suite(name, keys),
    cells,
    runName: name,
  });
  const scoring = new ScoringRepo(core.context.db);
  const batch = 20_000;
  for (let from = 0; from < run.cellIds.length; from += batch) {
    const scores: NewScoreRow[] = run.cellIds.slice(from, from + batch).flatMap((cellId, n) => {
      const common = {
        cellId,
        scorerVersion: '1',
        configHash: 'bench',
        details: '{}',
        costUsd: null,
        error: null,
        createdAt: '2026-01-01T00:00:00Z',
      };
      const pass = ((from + n) * 2654435761) % 100 < 70;
      return [
        {
          ...common,
          scorerKey: 'exact',
          scorerId: 'exact-match',
          value: pass ? 1 : 0,
          isPass: pass,
        },
        { ...common, scorerKey: 'f1', scorerId: 'token-f1', value: (n % 100) / 100, isPass: null },
      ];
    });
    scoring.writeScores(scores);
  }
  return run.runId;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-longops-'));
  const workspaceDir = join(dir, 'workspace');
  const keyFile = join(dir, 'key');
  try {
    const fillStart = performance.now();
    let core = openBenchCore(workspaceDir, keyFile);
    const big = fillRun(core, 'bench big run', models, items);
    fillRun(core, 'bench kept run', ['alpha'], Math.min(items, 2_000));
    await core.close();
    console.log(
      `bench:longops — ${(items * models.length).toLocaleString('en')} cells (${models.length} models × ` +
        `${items.toLocaleString('en')} items, 1 response + 2 scores each) + a 2,000-cell run kept ` +
        `(filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s)`,
    );

    core = openBenchCore(workspaceDir, keyFile);
    try {
      const check = await measured(() => call(core, 'workspace.check', {}));
      console.log(loopLine('workspace.check', check));
      const removal = await measured(() => call(core, 'runs.delete', { runId: big }));
      console.log(loopLine('runs.delete (big run)', removal));
      const after = (await call(core, 'runs.list', {})) as Array<{ id: string }>;
      if (after.some((r) => r.id === big) || after.length !== 1)
        throw new Error(`after the deletion the run list is ${JSON.stringify(after)}`);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
