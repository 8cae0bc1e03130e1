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
    await new Promise(() => undefined);
  },
});
process.stdout.write('finished without being killed\n');
