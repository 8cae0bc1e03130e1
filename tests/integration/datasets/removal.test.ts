import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  DatasetRemovalPreview,
  DatasetRemoved,
  DatasetSummary,
  DatasetVersionSummary,
  WrittenVersion,
} from '@contract/index';
import { sql } from '@core/db/sql';
import { waitForDatasetJob } from '@core/datasets/jobs';
import {
  finishInterruptedDatasetRemovals,
  removeDatasetTarget,
} from '@core/datasets/removal/removeDataset';
import type { Core } from '@core/host';
import { storeSuiteText } from '@core/suites/storeSuite';
import { ApiError } from '@core/apiError';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, twoModelRun } from '../../support/fabricateLabels';
import { spawnTs, waitForLine } from '../../support/spawnTs';
import { useTestCores } from '../../support/testCores';
import { useTempDir } from '../../support/tempDir';

/** Imports JSON Lines rows through the app's import job and returns the written version. */
async function importRows(
  core: Core,
  dir: string,
  datasetName: string,
  rows: Array<Record<string, unknown>>,
): Promise<{ datasetId: string; versionId: string; version: number }> {
  const file = join(dir, `${datasetName}-${Date.now()}-${Math.random()}.jsonl`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  const { jobId } = await call<{ jobId: string }>(core, 'datasets.import', {
    paths: [file],
    datasetName,
  });
  const result = await waitForDatasetJob(core.context, jobId);
  const value = result?.value as { datasetId: string; versionId: string; version: number };
  if (!value?.versionId) throw new Error(`import wrote nothing: ${JSON.stringify(result)}`);
  return value;
}

const rows = (n: number, prefix = 'q') =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    question: i === 0 ? 'write to ana.lopez@example.com about it' : `question number ${i}?`,
    answer: `${i}`,
    tags: ['t1', 't2'],
  }));

/**
 * Every row of every table that points at the dataset, its versions, items or privacy scans,
 * by table: found through the column names of the live schema, so a table added later with
 * one of these columns is checked too.
 */
function rowsPointingAt(
  core: Core,
  ids: { datasetId: string; versionIds: string[]; itemIds: number[]; scanIds: number[] },
) {
  const { db } = core.context;
  const tables = db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const lists = {
    versions: JSON.stringify(ids.versionIds),
    items: JSON.stringify(ids.itemIds),
    scans: JSON.stringify(ids.scanIds),
  };
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const columns = db
      .all<{ name: string }>({ text: `SELECT name FROM pragma_table_info(?)`, params: [name] })
      .map((c) => c.name);
    const conditions: string[] = [];
    const params: string[] = [];
    const among = (column: string, list: string) => {
      conditions.push(`${column} IN (SELECT value FROM json_each(?))`);
      params.push(list);
    };
    for (const c of columns) {
      if (c === 'dataset_id' || (name === 'datasets' && c === 'id')) {
        conditions.push(`${c} = ?`);
        params.push(ids.datasetId);
      } else if (
        c === 'version_id' ||
        c === 'dataset_version_id' ||
        c === 'parent_id' ||
        (name === 'dataset_versions' && c === 'id')
      )
        among(c, lists.versions);
      else if (c === 'item_id' || (name === 'items' && c === 'id')) among(c, lists.items);
      else if (c === 'scan_id' || (name === 'pii_scans' && c === 'id')) among(c, lists.scans);
    }
    if (conditions.length === 0) continue;
    const row = db.get<{ n: number }>({
      text: `SELECT COUNT(*) AS n FROM "${name}" WHERE ${conditions.join(' OR ')}`,
      params,
    });
    if (row && row.n > 0) found[name] = row.n;
  }
  return found;
}

function idsOf(core: Core, datasetId: string) {
  const { db } = core.context;
  const versionIds = db
    .all<{ id: string }>(sql`SELECT id FROM dataset_versions WHERE dataset_id = ${datasetId}`)
    .map((r) => r.id);
  const list = JSON.stringify(versionIds);
  const itemIds = db
    .all<{ id: number }>(
      sql`SELECT id FROM items WHERE version_id IN (SELECT value FROM json_each(${list}))`,
    )
    .map((r) => r.id);
  const scanIds = db
    .all<{ id: number }>(
      sql`SELECT id FROM pii_scans WHERE version_id IN (SELECT value FROM json_each(${list}))`,
    )
    .map((r) => r.id);
  return { datasetId, versionIds, itemIds, scanIds };
}

async function refusalOf(core: Core, route: string, input: unknown) {
  const result = await core.dispatch(route, input);
  if (result.ok) throw new Error(`${route} succeeded where a refusal was expected`);
  return result.error;
}

function events(core: Core): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  core.events.subscribe((name, payload) => {
    if (name === 'dataset.deleted' || name === 'workspace.changed') seen.push([name, payload]);
  });
  return seen;
}

const suiteNaming = (name: string, dataset: string, version?: number | string) =>
  `version: 1
name: ${name}
dataset: { name: ${dataset}${version === undefined ? '' : `, version: ${version}`} }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: m, provider: openai, model: gpt-4o-mini }
`;

describe('deleting datasets and versions on a real workspace', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('deletes a whole dataset (two versions, tags, a privacy finding) and nothing of another', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const kept = await importRows(core, dir, 'kept', rows(4, 'k'));
    const v1 = await importRows(core, dir, 'tickets', rows(5));
    const v2 = await call<WrittenVersion>(core, 'datasets.edit', {
      parentVersionId: v1.versionId,
      removeKeys: ['q-4'],
    });
    storeSuiteText(core.context, suiteNaming('triage', 'tickets'), null);
    storeSuiteText(core.context, suiteNaming('other', 'kept'), null);
    const ids = idsOf(core, v1.datasetId);
    const keptBefore = rowsPointingAt(core, idsOf(core, kept.datasetId));

    const preview = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      datasetId: v1.datasetId,
    });
    expect(preview).toMatchObject({
      datasetName: 'tickets',
      versionId: null,
      removesDataset: true,
      canDelete: true,
      blockers: [],
      counts: { versions: 2, items: 9, itemTags: 18, piiScans: 2, piiFindings: 2 },
      suites: [
        {
          suiteName: 'triage',
          reference: 'latest',
          isDraft: false,
          message: 'will no longer validate: dataset "tickets" is deleted',
        },
      ],
    });

    const seen = events(core);
    const removed = await call<DatasetRemoved>(core, 'datasets.delete', {
      datasetId: v1.datasetId,
    });
    expect(removed).toEqual({
      datasetId: v1.datasetId,
      datasetName: 'tickets',
      versionId: null,
      version: null,
      removesDataset: true,
      deleted: { versions: 2, items: 9, itemTags: 18, piiScans: 2, piiFindings: 2 },
    });
    expect(rowsPointingAt(core, ids)).toEqual({});
    expect(rowsPointingAt(core, idsOf(core, kept.datasetId))).toEqual(keptBefore);
    expect((await call<DatasetSummary[]>(core, 'datasets.list', {})).map((d) => d.name)).toEqual([
      'kept',
    ]);
    expect(seen).toEqual([
      ['dataset.deleted', { datasetId: v1.datasetId, versionId: null, datasetDeleted: true }],
      ['workspace.changed', { domain: 'datasets', reason: 'dataset "tickets" deleted' }],
      ['workspace.changed', { domain: 'suites', reason: 'dataset "tickets" deleted' }],
    ]);
    expect(v2.version).toBe(2);
    expect(await refusalOf(core, 'datasets.delete', { datasetId: v1.datasetId })).toMatchObject({
      code: 'not_found',
    });
    expect(core.context.db.raw.pragma('foreign_key_check')).toEqual([]);
  });

  it('deletes one version, keeps the others, says which suites move or stop validating', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const v1 = await importRows(core, dir, 'tickets', rows(3));
    const v2 = await importRows(core, dir, 'tickets', rows(4));
    storeSuiteText(core.context, suiteNaming('newest', 'tickets'), null);
    storeSuiteText(core.context, suiteNaming('pinned', 'tickets', 2), null);
    storeSuiteText(core.context, suiteNaming('on-v1', 'tickets', 1), null);

    const preview = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      versionId: v2.versionId,
    });
    expect(preview).toMatchObject({
      version: 2,
      removesDataset: false,
      remainingVersions: [1],
      canDelete: true,
      counts: { versions: 1, items: 4, itemTags: 8, piiScans: 1, piiFindings: 1 },
    });
    expect(preview.suites.map((s) => [s.suiteName, s.message])).toEqual([
      ['newest', 'will use v1 instead of v2 (the newest version left)'],
      ['pinned', 'will no longer validate: it names v2, which is deleted'],
    ]);
    const ids = idsOf(core, v1.datasetId);
    const v2Ids = {
      ...ids,
      datasetId: 'none',
      versionIds: [v2.versionId],
      itemIds: core.context.db
        .all<{ id: number }>(sql`SELECT id FROM items WHERE version_id = ${v2.versionId}`)
        .map((r) => r.id),
    };
    const removed = await call<DatasetRemoved>(core, 'datasets.delete', {
      versionId: v2.versionId,
    });
    expect(removed).toMatchObject({ version: 2, removesDataset: false });
    expect(rowsPointingAt(core, { ...v2Ids, scanIds: [] })).toEqual({});
    const versions = await call<DatasetVersionSummary[]>(core, 'datasets.versions', {
      datasetId: v1.datasetId,
    });
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(
      (await call<{ total: number }>(core, 'datasets.items', { versionId: v1.versionId })).total,
    ).toBe(3);

    // The last version left takes the dataset with it.
    const last = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      versionId: v1.versionId,
    });
    expect(last).toMatchObject({ removesDataset: true, remainingVersions: [] });
    expect(
      await call<DatasetRemoved>(core, 'datasets.delete', { versionId: v1.versionId }),
    ).toMatchObject({ removesDataset: true, deleted: { versions: 1, items: 3 } });
    expect(await call<DatasetSummary[]>(core, 'datasets.list', {})).toEqual([]);
    expect(rowsPointingAt(core, ids)).toEqual({});
  });

  it('refuses a version other versions derive from, in this dataset or another', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const v1 = await importRows(core, dir, 'tickets', rows(6));
    const edited = await call<WrittenVersion>(core, 'datasets.edit', {
      parentVersionId: v1.versionId,
      removeKeys: ['q-5'],
    });
    const { jobId } = await call<{ jobId: string }>(core, 'datasets.derive', {
      sourceVersionId: v1.versionId,
      operation: { kind: 'sample', size: 3, seed: 7, stratify: false },
      targetDataset: 'tickets-sample',
    });
    await waitForDatasetJob(core.context, jobId);

    const refused = await refusalOf(core, 'datasets.delete', { versionId: v1.versionId });
    expect(refused.code).toBe('refused');
    expect(refused.message).toBe(
      'version 1 of dataset "tickets" cannot be deleted (2 reasons): v2 was derived from v1: delete it first (its lineage would point at nothing)',
    );
    expect(refused.issues?.map((i) => i.message)).toEqual([
      'v2 was derived from v1: delete it first (its lineage would point at nothing)',
      'v1 of "tickets-sample" was derived from v1: delete it first (its lineage would point at nothing)',
    ]);
    // The whole dataset: its own v2 goes along, the sample in the other dataset still refuses.
    const whole = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      datasetId: v1.datasetId,
    });
    expect(whole.blockers).toEqual([
      expect.objectContaining({ kind: 'derived', datasetName: 'tickets-sample', version: 1 }),
    ]);
    // The derived version itself can go; then its parent can.
    await call(core, 'datasets.delete', { versionId: edited.versionId });
    const sample = (await call<DatasetSummary[]>(core, 'datasets.list', {})).find(
      (d) => d.name === 'tickets-sample',
    );
    await call(core, 'datasets.delete', { datasetId: sample?.id ?? '' });
    expect(
      await call<DatasetRemoved>(core, 'datasets.delete', { versionId: v1.versionId }),
    ).toMatchObject({ removesDataset: true, deleted: { items: 6 } });
  });

  it('refuses while runs used it (naming five and counting the rest) and a session rates it', async () => {
    const core = openCore(tempDir());
    const runs = Array.from({ length: 7 }, (_, i) =>
      twoModelRun(core, { items: 2, datasetName: 'graded', runName: `run ${i + 1}` }),
    );
    await createSession(core, {
      name: 'tone check',
      kind: 'pointwise',
      runIds: [runs[0]?.runId],
      rubric: { question: 'Is the tone right?', scale: { min: 1, max: 5 } },
    });
    await addRater(core, 'ana');
    const versionId = runs[0]?.versionId ?? '';
    const preview = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      versionId,
    });
    expect(preview.canDelete).toBe(false);
    const [runsBlocker, session] = preview.blockers;
    expect(runsBlocker).toMatchObject({ kind: 'runs', total: 7 });
    expect(runsBlocker?.kind === 'runs' && runsBlocker.runs).toHaveLength(5);
    expect(runsBlocker?.message).toMatch(
      /^7 runs used this version \("run \d", "run \d", "run \d", "run \d", "run \d" and 2 more\)\. A run's evidence keeps the dataset version it evaluated; delete those runs first\.$/,
    );
    expect(session).toMatchObject({
      kind: 'labeling_session',
      sessionName: 'tone check',
      taskCount: 4,
      message:
        'labeling session "tone check" has 4 tasks on outputs for its items: human labels are never deleted as a side effect',
    });
    const refused = await refusalOf(core, 'datasets.delete', { versionId });
    expect(refused.message).toMatch(
      /^version 1 of dataset "graded" cannot be deleted \(2 reasons\): 7 runs used/,
    );
    const whole = await refusalOf(core, 'datasets.delete', {
      datasetId: preview.datasetId,
    });
    expect(whole.message).toMatch(
      /^dataset "graded" cannot be deleted \(2 reasons\): 7 runs used this dataset/,
    );
    expect(
      core.context.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${versionId}`,
      )?.n,
    ).toBe(2);
  });

  it('refuses while an import writes into the dataset, and deletes once it has ended', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const v1 = await importRows(core, dir, 'tickets', rows(3));
    const file = join(dir, 'more.jsonl');
    writeFileSync(
      file,
      rows(2000, 'm')
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { jobId } = await call<{ jobId: string }>(core, 'datasets.import', {
      paths: [file],
      datasetName: 'tickets',
    });
    const preview = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
      datasetId: v1.datasetId,
    });
    expect(preview.blockers).toEqual([
      {
        kind: 'writing',
        jobId,
        message:
          '"Import more.jsonl → tickets" is running on dataset "tickets": wait for it to end, or cancel it in the job tray, then delete',
      },
    ]);
    await waitForDatasetJob(core.context, jobId);
    expect(
      await call<DatasetRemoved>(core, 'datasets.delete', { datasetId: v1.datasetId }),
    ).toMatchObject({ deleted: { versions: 2, items: 2003 } });
  });

  it('deletes a large version in batches, hidden from the first; a stopped one finishes later', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const big = await importRows(core, dir, 'big', rows(2500));
    const small = await importRows(core, dir, 'small', rows(3));
    const ids = idsOf(core, big.datasetId);
    const seenMidway: string[][] = [];
    let stop = false;
    const stopped = removeDatasetTarget(
      core.context,
      { datasetId: big.datasetId },
      {
        batchItems: 500,
        afterBatch: async (done) => {
          const list = await call<DatasetSummary[]>(core, 'datasets.list', {});
          seenMidway.push(list.map((d) => `${d.name} ${done}`));
          if (done >= 1000 && stop === false) {
            stop = true;
            const job = core.context.jobs.list().find((j) => j.kind === 'datasets.delete');
            if (job) core.context.jobs.cancel(job.id);
          }
        },
      },
    );
    await expect(stopped).rejects.toBeInstanceOf(ApiError);
    await expect(stopped).rejects.toMatchObject({
      code: 'cancelled',
      message:
        'deleting dataset "big" stopped part way: what is left stays hidden, listed under Datasets as "Deletion interrupted" until you finish deleting it there; it is also finished the next time the workspace opens',
    });
    expect(seenMidway).toEqual([['small 500'], ['small 1000']]);
    // Stopped part way: hidden everywhere, and half its items still there.
    expect(
      await call<DatasetVersionSummary[]>(core, 'datasets.versions', { datasetId: big.datasetId }),
    ).toEqual([]);
    expect(
      core.context.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${big.versionId}`,
      )?.n,
    ).toBe(1500);
    // Not silently hidden: listed as interrupted, with what is left, until finished.
    expect(await call(core, 'datasets.interruptedDeletions', {})).toEqual([
      {
        datasetId: big.datasetId,
        datasetName: 'big',
        versions: [1],
        removesDataset: true,
        removalStartedAt: expect.any(String) as string,
        itemsLeft: 1500,
      },
    ]);
    const finished = await call<DatasetRemoved>(core, 'datasets.finishDelete', {
      datasetId: big.datasetId,
    });
    expect(finished).toMatchObject({
      datasetId: big.datasetId,
      removesDataset: true,
      deleted: { versions: 1, items: 1500 },
    });
    expect(rowsPointingAt(core, ids)).toEqual({});
    expect((await call<DatasetSummary[]>(core, 'datasets.list', {})).map((d) => d.id)).toEqual([
      small.datasetId,
    ]);
    expect(await call(core, 'datasets.interruptedDeletions', {})).toEqual([]);
    expect(finishInterruptedDatasetRemovals(core.context)).toEqual([]);
    const again = await core.dispatch('datasets.finishDelete', { datasetId: big.datasetId });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `dataset ${big.datasetId} does not exist` },
    });
    const whole = await core.dispatch('datasets.finishDelete', { datasetId: small.datasetId });
    expect(whole).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: `nothing of dataset ${small.datasetId} is being deleted: there is nothing to finish`,
      },
    });
  });

  it('lists a cancelled version deletion as interrupted until it is finished; a running one is not', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const v1 = await importRows(core, dir, 'faq', rows(1500));
    const v2 = await importRows(core, dir, 'faq', rows(10, 'n'));
    const interrupted: unknown[] = [];
    const refusedWhileRunning: unknown[] = [];
    const stopped = removeDatasetTarget(
      core.context,
      { versionId: v1.versionId },
      {
        batchItems: 500,
        afterBatch: async () => {
          // While its job runs the deletion is not "interrupted", and finishing it is refused.
          interrupted.push(await call(core, 'datasets.interruptedDeletions', {}));
          refusedWhileRunning.push(
            await core.dispatch('datasets.finishDelete', { datasetId: v1.datasetId }),
          );
          const job = core.context.jobs.list().find((j) => j.kind === 'datasets.delete');
          if (job) core.context.jobs.cancel(job.id);
        },
      },
    );
    await expect(stopped).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(
        /^deleting version 1 of dataset "faq" stopped part way/,
      ) as string,
    });
    expect(interrupted).toEqual([[]]);
    expect(refusedWhileRunning).toMatchObject([
      {
        ok: false,
        error: {
          code: 'conflict',
          message:
            'version 1 of dataset "faq" is being deleted already: its progress is in the job tray',
        },
      },
    ]);
    // The dataset stays listed with v2 only; v1 is not readable, and is listed as interrupted.
    const versions = await call<DatasetVersionSummary[]>(core, 'datasets.versions', {
      datasetId: v1.datasetId,
    });
    expect(versions.map((v) => v.version)).toEqual([2]);
    expect((await core.dispatch('datasets.items', { versionId: v1.versionId })).ok).toBe(false);
    expect(await call(core, 'datasets.interruptedDeletions', {})).toMatchObject([
      { datasetName: 'faq', versions: [1], removesDataset: false, itemsLeft: 1000 },
    ]);
    const finished = await call<DatasetRemoved>(core, 'datasets.finishDelete', {
      datasetId: v1.datasetId,
    });
    expect(finished).toMatchObject({
      versionId: v1.versionId,
      version: 1,
      removesDataset: false,
      deleted: { versions: 1, items: 1000 },
    });
    expect(await call(core, 'datasets.interruptedDeletions', {})).toEqual([]);
    expect(
      (await call<{ total: number }>(core, 'datasets.items', { versionId: v2.versionId })).total,
    ).toBe(10);
  });

  it(
    'finishes a deletion killed (-9) between two batches when the workspace opens again',
    { timeout: 60_000 }, // a child process under tsx on a shared machine
    async () => {
      const dir = tempDir();
      let core = openTestCore(dir);
      const big = await importRows(core, dir, 'big', rows(2000));
      const kept = await importRows(core, dir, 'kept', rows(5, 'k'));
      const ids = idsOf(core, big.datasetId);
      await core.close();

      const child = spawnTs('tests/support/datasetRemovalCrashChild.ts', [dir, big.datasetId]);
      await waitForLine(child, /^between batches 800$/);
      child.kill('SIGKILL');
      await once(child, 'exit');

      core = openTestCore(dir);
      try {
        // Committed batch by batch: hidden, part of it gone, the workspace consistent.
        expect(
          (await call<DatasetSummary[]>(core, 'datasets.list', {})).map((d) => d.name),
        ).toEqual(['kept']);
        const left = sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${big.versionId}`;
        expect(core.context.db.get(left)).toEqual({ n: 1200 });
        expect(core.context.db.raw.pragma('foreign_key_check')).toEqual([]);
        await Promise.all(finishInterruptedDatasetRemovals(core.context));
        expect(rowsPointingAt(core, ids)).toEqual({});
        expect(
          (await call<{ total: number }>(core, 'datasets.items', { versionId: kept.versionId }))
            .total,
        ).toBe(5);
      } finally {
        await core.close();
      }
    },
  );
});
