import { afterEach, describe, expect, it } from 'vitest';
import type { SuiteDraft } from '@contract/index';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from '../runner/fixtures';

interface Saved {
  id: string;
  contentHash: string;
}

describe('suite drafts routes', () => {
  const tempDir = useTempDir();
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  /** A workspace with one saved suite, as the editor would find it. */
  async function workspaceWithSuite(dir = tempDir()) {
    core = openTestCore(dir);
    writeDataset(core, 'qa', 3);
    const yaml = simSuite({ dataset: 'qa', baseUrl: 'http://127.0.0.1:9' });
    const saved = await call<Saved>(core, 'suites.save', { yaml });
    return { c: core, dir, yaml, saved };
  }

  const draftCount = (c: Core) =>
    c.context.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM suite_drafts`)?.n;

  it('saves, gets and drops a draft, which survives a restart and never changes the suite', async () => {
    const { c, dir, yaml, saved } = await workspaceWithSuite();
    expect(await call(c, 'suites.draft.get', { suiteId: saved.id })).toBeNull();

    const edited = yaml.replace('repeats: 1', 'repeats: 3');
    await call(c, 'suites.draft.save', {
      suiteId: saved.id,
      text: edited,
      baseHash: saved.contentHash,
    });
    // A second write replaces the first: one draft per suite.
    const second = await call<{ updatedAt: string }>(c, 'suites.draft.save', {
      suiteId: saved.id,
      text: `${edited}# more\n`,
      baseHash: saved.contentHash,
    });
    expect(draftCount(c)).toBe(1);
    expect(await call(c, 'suites.get', { suiteId: saved.id })).toMatchObject({
      yaml,
      contentHash: saved.contentHash,
    });
    expect(await call<unknown[]>(c, 'suites.list')).toHaveLength(1);

    // The core closes (as after a crash the file is what is left) and opens again.
    await c.close();
    core = openTestCore(dir);
    const draft = await call<SuiteDraft>(core, 'suites.draft.get', { suiteId: saved.id });
    expect(draft).toEqual({
      suiteId: saved.id,
      text: `${edited}# more\n`,
      baseHash: saved.contentHash,
      updatedAt: second.updatedAt,
      savedChanged: false,
    });

    expect(await call(core, 'suites.draft.drop', { suiteId: saved.id })).toEqual({ dropped: true });
    expect(await call(core, 'suites.draft.get', { suiteId: saved.id })).toBeNull();
    expect(await call(core, 'suites.draft.drop', { suiteId: saved.id })).toEqual({
      dropped: false,
    });
  });

  it('drops the draft when the edited suite is saved, and keeps it when that save is refused', async () => {
    const { c, yaml, saved } = await workspaceWithSuite();
    const edited = yaml.replace('repeats: 1', 'repeats: 2');
    await call(c, 'suites.draft.save', {
      suiteId: saved.id,
      text: edited,
      baseHash: saved.contentHash,
    });

    // A structurally broken text is refused: nothing stored, the draft stays.
    const refused = await c.dispatch('suites.save', {
      yaml: 'name: [unclosed',
      draftOf: saved.id,
    });
    expect(refused.ok).toBe(false);
    expect(draftCount(c)).toBe(1);

    const next = await call<Saved>(c, 'suites.save', { yaml: edited, draftOf: saved.id });
    expect(next.id).not.toBe(saved.id);
    expect(draftCount(c)).toBe(0);
    expect(await call(c, 'suites.draft.get', { suiteId: next.id })).toBeNull();
  });

  it('reports a draft whose suite was saved elsewhere since, on the newest saved text too', async () => {
    const { c, yaml, saved } = await workspaceWithSuite();
    await call(c, 'suites.draft.save', {
      suiteId: saved.id,
      text: yaml.replace('repeats: 1', 'repeats: 2'),
      baseHash: saved.contentHash,
    });
    // Saved from another window or the CLI: no draftOf, so this window's draft is kept.
    const elsewhere = await call<Saved>(c, 'suites.save', {
      yaml: yaml.replace('concurrency: 8', 'concurrency: 4'),
    });
    expect(draftCount(c)).toBe(1);

    // The list now opens the newest text; its draft is the one started from the older text.
    const draft = await call<SuiteDraft>(c, 'suites.draft.get', { suiteId: elsewhere.id });
    expect(draft).toMatchObject({
      suiteId: saved.id,
      baseHash: saved.contentHash,
      savedChanged: true,
    });
    expect(await call(c, 'suites.draft.get', { suiteId: saved.id })).toMatchObject({
      savedChanged: true,
    });

    // Writing it on the newest text moves it there (still one draft, still the old base).
    await call(c, 'suites.draft.save', {
      suiteId: elsewhere.id,
      text: draft.text,
      baseHash: draft.baseHash,
    });
    expect(draftCount(c)).toBe(1);
    expect(await call(c, 'suites.draft.get', { suiteId: elsewhere.id })).toMatchObject({
      suiteId: elsewhere.id,
      savedChanged: true,
    });
  });

  it('drops the draft with its suite, and refuses drafts of suites that do not exist', async () => {
    const { c, yaml, saved } = await workspaceWithSuite();
    await call(c, 'suites.draft.save', {
      suiteId: saved.id,
      text: `${yaml}# edit\n`,
      baseHash: saved.contentHash,
    });
    // No route deletes suites (runs point at them); the schema ties the draft to its suite.
    c.context.db.transaction(() =>
      c.context.db.run(sql`DELETE FROM suites WHERE id = ${saved.id}`),
    );
    expect(draftCount(c)).toBe(0);

    for (const route of ['suites.draft.get', 'suites.draft.save']) {
      const result = await c.dispatch(route, {
        suiteId: saved.id,
        ...(route === 'suites.draft.save' ? { text: 'x', baseHash: saved.contentHash } : {}),
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
