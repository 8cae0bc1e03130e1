import { afterEach, describe, expect, it } from 'vitest';
import { routes } from '@contract/index';
import type { Core } from '@core/host';
import { call, openTestCore } from '../support/core';
import { useTempDir } from '../support/tempDir';

describe('dispatch', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  it('refuses an unknown route', async () => {
    core = openTestCore(tempDir());
    const result = await core.dispatch('datasets.drop', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'unknown route "datasets.drop"' },
    });
  });

  it('refuses invalid input with the path of each problem, before any handler runs', async () => {
    core = openTestCore(tempDir());
    const result = await core.dispatch('secrets.set', { name: 'lower case', value: '', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    const paths = result.error.issues?.map((i) => i.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['name', 'value']));
    const secrets = await call<{ name: string; isSet: boolean }[]>(core, 'secrets.list');
    expect(secrets.some((s) => s.isSet)).toBe(false);
  });

  it('answers not_found for a missing dataset version', async () => {
    core = openTestCore(tempDir());
    const result = await core.dispatch('datasets.items', { versionId: 'dv_missing' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves every query route on the example workspace with output matching its schema', async () => {
    core = openTestCore(tempDir(), { seedExamples: true });
    const overview = await call<{
      datasets: { latestVersion: { id: string } | null; id: string }[];
    }>(core, 'workspace.overview');
    const dataset = overview.datasets[0];
    expect(dataset?.latestVersion).not.toBeNull();
    const suites = await call<{ id: string }[]>(core, 'suites.list');
    const inputs: Partial<Record<keyof typeof routes, unknown>> = {
      'datasets.versions': { datasetId: dataset?.id },
      'datasets.items': { versionId: dataset?.latestVersion?.id, page: { offset: 0, limit: 5 } },
      'suites.get': { suiteId: suites[0]?.id },
    };
    // Every query that needs no input, plus the ones given inputs above.
    const queries = (Object.keys(routes) as (keyof typeof routes)[]).filter(
      (r) => routes[r].kind === 'query' && (r in inputs || routes[r].input.safeParse({}).success),
    );
    expect(queries.length).toBeGreaterThan(5);
    for (const route of queries) {
      // validateOutputs is on in test cores: a mismatch with the contract fails the call.
      const result = await core.dispatch(route, inputs[route] ?? {});
      expect(result, route).toMatchObject({ ok: true });
    }
  });

  it('never returns a secret value through the API', async () => {
    core = openTestCore(tempDir());
    const value = 'sk-live-abcdefghijklmnop9f3e';
    const set = await core.dispatch('secrets.set', { name: 'OPENAI_API_KEY', value });
    const list = await core.dispatch('secrets.list', {});
    expect(JSON.stringify([set, list])).not.toContain(value);
    expect(JSON.stringify(list)).toContain('9f3e');
  });
});
