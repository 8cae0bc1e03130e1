/**
 * Child process for the crash test: writes dataset versions in a loop until killed.
 * Prints "committed N" after each commit so the parent can kill it mid-write.
 */
import { join } from 'node:path';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { openTestCore } from './core';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crashWriter.ts DIR');
const core = openTestCore(dir);
const { db, repos } = core.context;
for (let round = 0; ; round++) {
  writeFrozenVersion(db, repos.datasets, {
    datasetName: `d${round % 3}`,
    source: { round },
    items: Array.from({ length: 2000 }, (_, i) => ({
      key: `k${i}`,
      input: `round ${round} item ${i} `.repeat(8),
      reference: null,
      category: `c${i % 7}`,
      groupId: null,
      tags: [`t${i % 5}`],
    })),
  });
  process.stdout.write(`committed ${round} ${join(dir, 'workspace')}\n`);
}
