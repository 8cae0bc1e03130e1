import { writeFileSync, mkdirSync, readFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pricingRepo,
  pricingTable,
  readBundledPricing,
  syncBundledPricing,
} from '@core/pricing/bundled';
import type { Core } from '@core/host';
import { call, openTestCore, resourcesDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function open(dir: string, resources = resourcesDir) {
  const core = openTestCore(dir, { resourcesDir: resources });
  cores.push(core);
  return core;
}

describe('bundled pricing', () => {
  it('ships valid, dated rows, each with a source', () => {
    const { rows } = readBundledPricing(join(resourcesDir, 'pricing.json'));
    expect(rows.length).toBeGreaterThan(15);
    for (const r of rows) {
      expect(r.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.source).toBeTruthy();
    }
    const keys = rows.map((r) => `${r.providerKind}/${r.model}/${r.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the row and field of a bad bundled file', () => {
    const file = join(tempDir(), 'pricing.json');
    writeFileSync(
      file,
      JSON.stringify({ rows: [{ provider_kind: 'x', model: 'm', input_usd_per_mtok: -1 }] }),
    );
    expect(() => readBundledPricing(file)).toThrow(/pricing\.json: rows\.0\.input_usd_per_mtok: /);
  });

  it('loads into the workspace on first use and prices responses from the table', async () => {
    const core = open(tempDir());
    const rows = await call<Array<{ model: string }>>(core, 'pricing.list', {
      providerKind: 'openai',
    });
    expect(rows.map((r) => r.model)).toContain('gpt-4o-mini');
    const cost = await call<{ costUsd: number }>(core, 'pricing.cost', {
      providerKind: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      at: '2025-06-01T00:00:00Z',
    });
    expect(cost.costUsd).toBeCloseTo(0.75, 10);
  });

  it('keeps user edits and deletions when the workspace opens again', async () => {
    const dir = tempDir();
    let core = open(dir);
    const [mini] = await call<Array<{ id: number; effectiveFrom: string }>>(core, 'pricing.list', {
      providerKind: 'openai',
      model: 'gpt-4o-mini',
    });
    await call(core, 'pricing.set', {
      providerKind: 'openai',
      model: 'gpt-4o-mini',
      inputUsdPerMTok: 1,
      outputUsdPerMTok: 2,
      effectiveFrom: mini?.effectiveFrom,
    });
    const [nano] = await call<Array<{ id: number }>>(core, 'pricing.list', {
      model: 'gpt-4.1-nano',
    });
    await call(core, 'pricing.remove', { id: nano?.id });
    await core.close();
    cores.splice(0);
    core = open(dir);
    const after = await call<Array<{ model: string; inputUsdPerMTok: number; source: string }>>(
      core,
      'pricing.list',
      { providerKind: 'openai' },
    );
    expect(after.find((r) => r.model === 'gpt-4o-mini')).toMatchObject({
      inputUsdPerMTok: 1,
      source: 'user',
    });
    expect(after.find((r) => r.model === 'gpt-4.1-nano')).toBeUndefined();
  });

  it('adds new bundled rows when the bundled file changes, keeping edits', () => {
    const dir = tempDir();
    const resources = join(dir, 'resources');
    mkdirSync(resources);
    cpSync(join(resourcesDir, 'pricing.json'), join(resources, 'pricing.json'));
    const core = open(dir, resources);
    const ctx = core.context;
    const before = pricingRepo(ctx).list().length;
    const bundled = JSON.parse(readFileSync(join(resources, 'pricing.json'), 'utf8')) as {
      rows: object[];
    };
    bundled.rows.push({
      provider_kind: 'openai',
      model: 'gpt-new',
      input_usd_per_mtok: 1,
      output_usd_per_mtok: 4,
      cached_input_usd_per_mtok: null,
      effective_from: '2026-01-01',
      source: 'https://openai.com/api/pricing/',
    });
    writeFileSync(join(resources, 'pricing.json'), JSON.stringify(bundled));
    expect(syncBundledPricing(ctx)).toBe(1);
    expect(syncBundledPricing(ctx)).toBe(0);
    expect(pricingRepo(ctx).list()).toHaveLength(before + 1);
  });

  it('refuses prices that are not numbers, naming the field', async () => {
    const core = open(tempDir());
    const result = await core.dispatch('pricing.set', {
      providerKind: 'openai',
      model: 'x',
      inputUsdPerMTok: -3,
      outputUsdPerMTok: 1,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'inputUsdPerMTok' }] },
    });
    expect(pricingTable(core.context).find('openai', 'x')).toBeNull();
  });
});
