import { describe, expect, it } from 'vitest';
import type { ListedSuite } from '@contract/index';
import type { Core } from '@core/host';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
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
# a comment the duplicate keeps
dataset: { name: qa }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: m1, provider: openai, model: gpt-4o-mini }
repeats: ${repeats}
`;
}

async function errorOf(core: Core, route: string, input: unknown) {
  const result = await core.dispatch(route, input);
  if (result.ok) throw new Error(`${route} succeeded`);
  return result.error;
}

const counts = (core: Core) =>
  core.context.db.get<{ suites: number; drafts: number }>(
    sql`SELECT (SELECT COUNT(*) FROM suites) AS suites, (SELECT COUNT(*) FROM suite_drafts) AS drafts`,
  );

describe('suites.delete, suites.list hasDraft and scaffold refusals', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  function workspace() {
    const core = openCore(tempDir());
    writeDataset(core, 'qa', 4);
    const events: Array<{ name: string; payload: unknown }> = [];
    core.context.events.subscribe((name, payload) => events.push({ name, payload }));
    return { core, events };
  }

  it('deletes every saved text of the name and its draft in one go, and says so', async () => {
    const { core, events } = workspace();
    const first = await call<Saved>(core, 'suites.save', { yaml: suiteText('triage') });
    const second = await call<Saved>(core, 'suites.save', { yaml: suiteText('triage', 2) });
    const other = await call<Saved>(core, 'suites.save', { yaml: suiteText('other') });
    await call(core, 'suites.draft.save', {
      suiteId: second.id,
      text: suiteText('triage', 3),
      baseHash: second.contentHash,
    });
    expect(counts(core)).toEqual({ suites: 3, drafts: 1 });

    // Any saved text of the name stands for the suite.
    const deleted = await call(core, 'suites.delete', { suiteId: first.id });
    expect(deleted).toEqual({ name: 'triage', deletedVersions: 2, droppedDraft: true });
    expect(counts(core)).toEqual({ suites: 1, drafts: 0 });
    const list = await call<ListedSuite[]>(core, 'suites.list');
    expect(list.map((s) => s.id)).toEqual([other.id]);
    expect(events).toContainEqual({
      name: 'workspace.changed',
      payload: { domain: 'suites', reason: 'suite triage deleted' },
    });
    expect(await errorOf(core, 'suites.delete', { suiteId: first.id })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses while a run used any saved text of the name, naming up to five runs', async () => {
    const { core, events } = workspace();
    const items = [{ key: 'k1', input: 'hello', reference: 'hi' }];
    const yaml = suiteText('evidence');
    // Seven runs of the first text; a later text of the same name has none of its own.
    for (let i = 1; i <= 7; i++)
      fabricateRun(core, {
        datasetName: 'evidence-data',
        items,
        suiteYaml: yaml,
        runName: `run ${i}`,
        startedAtMs: Date.parse('2026-03-01T00:00:00Z') + i * 60_000,
        cells: [{ itemKey: 'k1', modelKey: 'm1', output: 'hi' }],
      });
    const later = await call<Saved>(core, 'suites.save', { yaml: suiteText('evidence', 2) });
    const before = counts(core);
    events.length = 0;

    const error = await errorOf(core, 'suites.delete', { suiteId: later.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/^suite "evidence" cannot be deleted: 7 runs used it \(/);
    expect(error.message.match(/"run \d"/g)).toHaveLength(5);
    expect(error.message).toContain('and 2 more');
    expect(error.message).toContain('delete those runs first');
    expect(counts(core)).toEqual(before);
    expect(events).toEqual([]);

    // With one run left the message names it, singular.
    core.context.db.run(sql`DELETE FROM runs WHERE name != 'run 3'`);
    const one = await errorOf(core, 'suites.delete', { suiteId: later.id });
    expect(one.message).toContain('1 run used it ("run 3")');
  });

  it('lists hasDraft for drafts stored in earlier sessions, on any text of the name', async () => {
    const dir = tempDir();
    let core = openCore(dir);
    writeDataset(core, 'qa', 2);
    const first = await call<Saved>(core, 'suites.save', { yaml: suiteText('drafted') });
    await call<Saved>(core, 'suites.save', { yaml: suiteText('drafted', 2) });
    await call<Saved>(core, 'suites.save', { yaml: suiteText('clean') });
    // The draft sits on the older text; the list shows the newer one.
    await call(core, 'suites.draft.save', {
      suiteId: first.id,
      text: suiteText('drafted', 5),
      baseHash: first.contentHash,
    });
    await core.close();
    core = openCore(dir);
    const list = await call<ListedSuite[]>(core, 'suites.list');
    expect(list.map((s) => [s.name, s.hasDraft])).toEqual([
      ['clean', false],
      ['drafted', true],
    ]);
    await call(core, 'suites.draft.drop', { suiteId: first.id });
    const after = await call<ListedSuite[]>(core, 'suites.list');
    expect(after.every((s) => !s.hasDraft)).toBe(true);
  });

  it('refuses a scaffold with a taken name, an unknown scorer, or one the dataset cannot feed', async () => {
    const { core } = workspace();
    const { versionId } = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'open-ended',
      source: { kind: 'test' },
      items: [1, 2, 3].map((i) => ({
        key: `o${i}`,
        input: `Write a haiku about the number ${i}.`,
        reference: null,
        category: null,
        groupId: null,
        metadata: {},
      })),
    });
    await call(core, 'suites.save', { yaml: suiteText('taken') });
    const base = {
      datasetVersionId: versionId,
      models: [{ provider: 'openai', model: 'gpt-4o-mini' }],
    };
    const taken = await errorOf(core, 'suites.scaffold', { ...base, name: 'taken', scorers: [] });
    expect(taken.code).toBe('conflict');
    expect(taken.message).toContain('a suite named "taken" exists');
    const judge = await errorOf(core, 'suites.scaffold', {
      ...base,
      name: 'n',
      scorers: ['judge-rubric'],
    });
    expect(judge.code).toBe('bad_request');
    expect(judge.message).toContain('cannot start with scorer "judge-rubric"');
    expect(
      await errorOf(core, 'suites.scaffold', { ...base, name: 'n', scorers: ['exact-match'] }),
    ).toMatchObject({
      code: 'bad_request',
      message:
        'scorer exact-match cannot score this dataset: open-ended v1 has no reference answers',
    });
    expect(
      await errorOf(core, 'suites.scaffoldOptions', { datasetVersionId: 'dsv_missing' }),
    ).toMatchObject({ code: 'not_found' });

    // No scorer at all is a valid start: the scaffold says why, and validates.
    const { yaml } = await call<{ yaml: string }>(core, 'suites.scaffold', {
      ...base,
      name: 'haiku',
      scorers: ['refusal'],
    });
    expect(yaml).toContain('type: refusal');
    const bare = await call<{ yaml: string }>(core, 'suites.scaffold', { ...base, name: 'bare' });
    expect(bare.yaml).toContain('has no reference answers, so reference-based scorers');
    expect(bare.yaml).toContain('scorers: []');
    const check = await call<{ ok: boolean; issues: unknown[] }>(core, 'suites.validate', {
      yaml: bare.yaml,
    });
    expect(check).toMatchObject({ ok: true, issues: [] });

    // The version's shape is kept after the first read (the dialog asks after every change),
    // but a version deleted since is refused, not answered from what was kept.
    const options = await call(core, 'suites.scaffoldOptions', { datasetVersionId: versionId });
    expect(await call(core, 'suites.scaffoldOptions', { datasetVersionId: versionId })).toEqual(
      options,
    );
    await call(core, 'datasets.delete', { versionId });
    expect(
      await errorOf(core, 'suites.scaffoldOptions', { datasetVersionId: versionId }),
    ).toMatchObject({ code: 'not_found' });
  });

  it('says whether a suite that does not validate could still be saved (its structure holds)', async () => {
    const { core } = workspace();
    const check = (yaml: string) =>
      call<{
        ok: boolean;
        isStructureValid: boolean;
        issues: Array<{ path: string; line: number }>;
      }>(core, 'suites.validate', { yaml, sourcePath: 'mine.yaml' });
    expect(await check(suiteText('fine'))).toMatchObject({ ok: true, isStructureValid: true });
    // A reference problem (no such dataset): saveable, fixed in the editor later.
    const unknownDataset = await check(suiteText('x').replace('name: qa', 'name: qq'));
    expect(unknownDataset).toMatchObject({ ok: false, isStructureValid: true });
    // A bad value: refused by suites.save, located at its line and field.
    const bad = suiteText('x').replace('repeats: 1', 'repeats: 0');
    expect(await check(bad)).toMatchObject({
      ok: false,
      isStructureValid: false,
      issues: [{ path: 'repeats', line: 10 }],
    });
    expect(await errorOf(core, 'suites.save', { yaml: bad })).toMatchObject({
      code: 'bad_request',
    });
  });
});
