import { describe, expect, it } from 'vitest';
import { runManager } from '@core/runner/runManager';
import { sql } from '@core/db/sql';
import { invalidatePricing, pricingRepo } from '@core/pricing/bundled';
import { simSuite, writeDataset, useSimulatedWorkspace } from './fixtures';

// Each run starts an engine worker thread that compiles its TypeScript sources with tsx (about a
// second of CPU, several on a busy machine): slower than a unit test by nature.
describe('run engine against the simulator', { timeout: 30_000 }, () => {
  const openSimulated = useSimulatedWorkspace();

  it('sends every cell once, stores every response with timing and tokens, flags one cold start per provider', async () => {
    const { sim, core } = await openSimulated({
      latency: { kind: 'uniform', minMs: 1, maxMs: 5 },
      tokensPerSecond: 2000,
    });
    writeDataset(core, 'qa', 20);
    const manager = runManager(core.context);
    const planned = manager.plan(
      simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['sim-a', 'sim-b'], prompts: 2 }),
      'suite.yaml',
    );
    expect(planned.cellCount).toBe(80);
    const started = manager.execute(planned.runId);
    const outcome = await started.done;
    expect(outcome.status).toBe('completed');
    expect(outcome.progress.ok).toBe(80);

    const db = core.context.db;
    const cells = db.all<{ id: string; status: string }>(
      sql`SELECT id, status FROM cells WHERE run_id = ${planned.runId}`,
    );
    expect(cells.every((c) => c.status === 'done')).toBe(true);
    const log = sim.log().filter((e) => e.route === 'openai.chat');
    expect(log.length).toBe(80);
    expect(new Set(log.map((e) => e.tag)).size).toBe(80);
    expect(new Set(log.map((e) => e.tag))).toEqual(new Set(cells.map((c) => c.id)));
    const responses = db.all<{
      output: string;
      input_tokens: number;
      output_tokens: number;
      latency_ms: number;
      ttft_ms: number | null;
      is_cold_start: number;
      is_cached: number;
    }>(
      sql`SELECT r.* FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${planned.runId}`,
    );
    expect(responses).toHaveLength(80);
    for (const r of responses) {
      expect(r.output).toMatch(/question number \d+/);
      expect(r.input_tokens).toBeGreaterThan(0);
      expect(r.output_tokens).toBeGreaterThan(0);
      expect(r.latency_ms).toBeGreaterThan(0);
      expect(r.ttft_ms).not.toBeNull();
      expect(r.is_cached).toBe(0);
    }
    // Both models share one provider lane (same base URL), so one cold start in all.
    expect(responses.filter((r) => r.is_cold_start === 1)).toHaveLength(1);
  });

  it('estimates tokens with a tokenizer where the provider reports no usage, and prices responses', async () => {
    const { sim, core } = await openSimulated({
      latency: 1,
      models: { 'no-usage': { omitUsage: true } },
    });
    writeDataset(core, 'qa', 6);
    pricingRepo(core.context).upsert({
      providerKind: 'openai-compatible',
      model: 'priced',
      inputUsdPerMTok: 1,
      outputUsdPerMTok: 2,
      cachedInputUsdPerMTok: null,
      effectiveFrom: '2020-01-01',
      source: 'test',
    });
    invalidatePricing(core.context);
    const manager = runManager(core.context);
    const planned = manager.plan(
      simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['no-usage', 'priced'] }),
      'suite.yaml',
    );
    const outcome = await manager.execute(planned.runId).done;
    expect(outcome.status).toBe('completed');
    const rows = core.context.db.all<{
      model_key: string;
      input_tokens: number;
      output_tokens: number;
      is_token_estimate: number;
      cost_usd: number | null;
    }>(
      sql`SELECT c.model_key, r.input_tokens, r.output_tokens, r.is_token_estimate, r.cost_usd
        FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${planned.runId}`,
    );
    const estimated = rows.filter((r) => r.model_key === 'no-usage');
    expect(estimated).toHaveLength(6);
    for (const r of estimated) {
      expect(r.is_token_estimate).toBe(1);
      expect(r.input_tokens).toBeGreaterThan(5);
      expect(r.output_tokens).toBeGreaterThan(0);
      expect(r.cost_usd).toBeNull(); // no price for this model
    }
    for (const r of rows.filter((x) => x.model_key === 'priced')) {
      expect(r.is_token_estimate).toBe(0);
      expect(r.cost_usd).toBeCloseTo((r.input_tokens * 1 + r.output_tokens * 2) / 1e6, 12);
    }
    expect(outcome.progress.costUsd).toBeGreaterThan(0);
  });
});
