import { describe, expect, it } from 'vitest';
import type { SuiteRemovalPreview } from '@contract/index';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { call } from '../../support/core';
import { fabricateRun } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { writeDataset } from '../runner/fixtures';

interface Saved {
  id: string;
  contentHash: string;
}

function suiteText(name: string, repeats = 1) {
  return `version: 1
name: ${name}
dataset: { name: qa }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: m1, provider: openai, model: gpt-4o-mini }
repeats: ${repeats}
`;
}

const rowCounts = (core: Core) =>
  core.context.db.get<{ suites: number; drafts: number }>(
    sql`SELECT (SELECT COUNT(*) FROM suites) AS suites, (SELECT COUNT(*) FROM suite_drafts) AS drafts`,
  );

async function errorOf(core: Core, route: string, input: unknown) {
  const result = await core.dispatch(route, input);
  if (result.ok) throw new Error(`${route} succeeded`);
  return result.error;
}

describe('suites.deletePreview', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('counts the saved versions and drafts of the name, changes nothing, and matches the deletion', async () => {
    const core = openCore(tempDir());
    writeDataset(core, 'qa', 4);
    const first = await call<Saved>(core, 'suites.save', { yaml: suiteText('triage') });
    const second = await call<Saved>(core, 'suites.save', { yaml: suiteText('triage', 2) });
    await call<Saved>(core, 'suites.save', { yaml: suiteText('other') });
    const clean = await call<SuiteRemovalPreview>(core, 'suites.deletePreview', {
      suiteId: first.id,
    });
    // No draft: only the versions are listed.
    expect(clean).toEqual({
      suiteId: first.id,
      suiteName: 'triage',
      canDelete: true,
      blockers: [],
      counts: { versions: 2, drafts: 0 },
      countLines: [{ kind: 'versions', label: 'saved versions', count: 2 }],
    });

    await call(core, 'suites.draft.save', {
      suiteId: second.id,
      text: suiteText('triage', 3),
      baseHash: second.contentHash,
    });
    const before = rowCounts(core);
    const preview = await call<SuiteRemovalPreview>(core, 'suites.deletePreview', {
      suiteId: second.id,
    });
    expect(preview.countLines).toEqual([
      { kind: 'versions', label: 'saved versions', count: 2 },
      { kind: 'drafts', label: 'unsaved draft', count: 1 },
    ]);
    expect(rowCounts(core)).toEqual(before);

    const deleted = await call<{ deletedVersions: number; droppedDraft: boolean }>(
      core,
      'suites.delete',
      { suiteId: second.id },
    );
    expect(deleted.deletedVersions).toBe(preview.counts.versions);
    expect(deleted.droppedDraft).toBe(preview.counts.drafts > 0);
    expect(await errorOf(core, 'suites.deletePreview', { suiteId: first.id })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses up front, naming the newest five runs with links, and says what the deletion would say', async () => {
    const core = openCore(tempDir());
    writeDataset(core, 'qa', 2);
    const items = [{ key: 'k1', input: 'hello', reference: 'hi' }];
    const yaml = suiteText('evidence');
    const runIds: string[] = [];
    for (let i = 1; i <= 7; i++)
      runIds.push(
        fabricateRun(core, {
          datasetName: 'evidence-data',
          items,
          suiteYaml: yaml,
          runName: `run ${i}`,
          startedAtMs: Date.parse('2026-03-01T00:00:00Z') + i * 60_000,
          cells: [{ itemKey: 'k1', modelKey: 'm1', output: 'hi' }],
        }).runId,
      );
    // A later text of the name has no run of its own: the name is what is refused.
    const later = await call<Saved>(core, 'suites.save', { yaml: suiteText('evidence', 2) });
    // A run whose own deletion started still holds the suite; it is marked so.
    const newest = runIds[6];
    if (!newest) throw new Error('seven runs were fabricated');
    core.context.db.run(
      sql`UPDATE runs SET removal_started_at = '2026-03-02T00:00:00.000Z' WHERE id = ${newest}`,
    );

    const preview = await call<SuiteRemovalPreview>(core, 'suites.deletePreview', {
      suiteId: later.id,
    });
    expect(preview.canDelete).toBe(false);
    expect(preview.counts).toEqual({ versions: 2, drafts: 0 });
    expect(preview.blockers).toHaveLength(1);
    const [blocker] = preview.blockers;
    expect(blocker).toMatchObject({ kind: 'runs', total: 7 });
    expect(blocker?.runs).toEqual([
      { runId: newest, runName: 'run 7', isBeingDeleted: true },
      { runId: runIds[5], runName: 'run 6', isBeingDeleted: false },
      { runId: runIds[4], runName: 'run 5', isBeingDeleted: false },
      { runId: runIds[3], runName: 'run 4', isBeingDeleted: false },
      { runId: runIds[2], runName: 'run 3', isBeingDeleted: false },
    ]);
    expect(blocker?.message).toContain('7 runs used it (');
    expect(blocker?.message).toContain('and 2 more');

    const refused = await errorOf(core, 'suites.delete', { suiteId: later.id });
    expect(refused).toMatchObject({ code: 'conflict', message: blocker?.message });
  });
});
