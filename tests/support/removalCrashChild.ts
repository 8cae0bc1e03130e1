/**
 * Child process for the run-deletion crash test: deletes RUN_ID of the workspace in DIR in
 * batches of 40 cells and, once 80 cells are gone, prints "between batches N" and waits there
 * for the parent's kill -9.
 */
import { removeRun } from '@core/runner/runRemoval';
import { openTestCore } from './core';

const [dir, runId] = process.argv.slice(2);
if (!dir || !runId) throw new Error('usage: removalCrashChild.ts DIR RUN_ID');
const core = openTestCore(dir);
await removeRun(core.context, runId, {
  batchCells: 40,
  afterBatch: async (deleted) => {
    if (deleted < 80) return;
    process.stdout.write(`between batches ${deleted}\n`);
    // A timer keeps the process alive: a bare pending promise would let it exit on its own
    // (unsettled top-level await) instead of being killed where it waits.
    await new Promise(() => setInterval(() => undefined, 1_000));
  },
});
process.stdout.write('finished without being killed\n');
