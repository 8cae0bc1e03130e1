import { describe, expect, it } from 'vitest';
import {
  DatasetRemovalCountLine,
  DatasetRemovalCounts,
  type DatasetRemovalCounts as DatasetCounts,
} from '@contract/routes/datasets';
import {
  RunRemovalCountLine,
  RunRemovalCounts,
  type RunRemovalCounts as RunCounts,
} from '@contract/routes/runs';
import {
  datasetRemovalCountLines,
  datasetRemovalCountNames,
} from '@core/datasets/removalCountNames';
import { runRemovalCountLines, runRemovalCountNames } from '@core/runner/removalCountNames';
import { countLines, countPhrase, type CountNames } from '@core/util/countNames';

/** Counts of `n` for every kind the contract's schema has. */
function every<K extends string>(keys: readonly K[], n: number): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, n])) as Record<K, number>;
}

describe('the names of what a deletion removes', () => {
  const runKinds = RunRemovalCounts.keyof().options;
  const datasetKinds = DatasetRemovalCounts.keyof().options;

  it('name every count the run and dataset previews return, and nothing else', () => {
    expect(Object.keys(runRemovalCountNames).sort()).toEqual([...runKinds].sort());
    expect(Object.keys(datasetRemovalCountNames).sort()).toEqual([...datasetKinds].sort());
    for (const names of [runRemovalCountNames, datasetRemovalCountNames] as Array<
      CountNames<string>
    >) {
      for (const { one, many } of Object.values(names)) {
        expect(one.trim()).not.toBe('');
        expect(many.trim()).not.toBe('');
        expect(many).not.toBe(one);
      }
    }
  });

  it('list every listed kind of a run in order, singular for one, in the contract shape', () => {
    const listed = runKinds.filter((k) => runRemovalCountNames[k].listed !== 'never');
    const many = runRemovalCountLines(every(runKinds, 3));
    expect(many.map((l) => l.kind)).toEqual(listed);
    expect(many.map((l) => l.label)).toEqual(listed.map((k) => runRemovalCountNames[k].many));
    const one = runRemovalCountLines(every(runKinds, 1));
    expect(one.map((l) => l.label)).toEqual(listed.map((k) => runRemovalCountNames[k].one));
    for (const line of [...many, ...one]) expect(RunRemovalCountLine.parse(line)).toEqual(line);
    // The run's own configuration is not listed: "the run" already says it goes.
    expect(listed).not.toContain('runModels');
  });

  it('always lists what the deletion is about, even at 0, and leaves out empty kinds', () => {
    const none = every(runKinds, 0) as RunCounts;
    expect(runRemovalCountLines(none)).toEqual([{ kind: 'cells', label: 'cells', count: 0 }]);
    expect(countPhrase(runRemovalCountLines({ ...none, cells: 8, responses: 8 }))).toBe(
      '8 cells, 8 responses',
    );
    const dataset: DatasetCounts = {
      versions: 1,
      items: 0,
      itemTags: 0,
      piiScans: 0,
      piiFindings: 2,
    };
    expect(countPhrase(datasetRemovalCountLines(dataset))).toBe(
      '1 version, 0 items, 2 privacy findings (stored masked)',
    );
  });

  it('lists every dataset kind with rows, and leaves out tags a large preview did not count', () => {
    const counted = datasetRemovalCountLines(every(datasetKinds, 2));
    expect(counted.map((l) => l.kind)).toEqual(datasetKinds);
    for (const line of counted) expect(DatasetRemovalCountLine.parse(line)).toEqual(line);
    const uncounted = datasetRemovalCountLines({
      versions: 1,
      items: 1_000_000,
      itemTags: null,
      piiScans: 0,
      piiFindings: 0,
    });
    expect(uncounted).toEqual([
      { kind: 'versions', label: 'version', count: 1 },
      { kind: 'items', label: 'items', count: 1_000_000 },
    ]);
  });

  it('names a generic count table in its own order', () => {
    const names: CountNames<'b' | 'a'> = {
      b: { one: 'bee', many: 'bees', listed: 'when-any' },
      a: { one: 'ant', many: 'ants', listed: 'always' },
    };
    expect(countPhrase(countLines(names, { a: 0, b: 1 }))).toBe('1 bee, 0 ants');
  });
});
