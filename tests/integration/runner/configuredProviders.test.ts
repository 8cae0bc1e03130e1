import { describe, expect, it } from 'vitest';
import type { RunFinished } from '@contract/index';
import { call } from '../../support/core';
import { writeDataset, useSimulatedWorkspace } from './fixtures';

const key = 'sk-configured-0123456789abcdef';

function suiteNaming(providers: Array<{ id: string; provider: string; model: string }>) {
  return `version: 1
name: configured
dataset: { name: qa }
prompts:
  - id: p
    messages:
      - { role: user, content: '{{input}}' }
models:
${providers.map((m) => `  - { id: ${m.id}, provider: ${m.provider}, model: ${m.model} }`).join('\n')}
params: { max_tokens: 16 }
run:
  concurrency: 2
  providers:
    sim-anthropic: { concurrency: 1 }
`;
}

// A run starts an engine worker thread that compiles its TypeScript with tsx (about a second
// of CPU, more on a busy machine): slower than a unit test by nature.
describe('suites naming configured providers by label', { timeout: 30_000 }, () => {
  const openSimulated = useSimulatedWorkspace();

  it('validates and runs against providers added a moment before, with their stored keys', async () => {
    const { sim, core } = await openSimulated({ latency: 5, apiKey: key });
    writeDataset(core, 'qa', 6);
    const yaml = suiteNaming([
      { id: 'oa', provider: 'sim-openai', model: 'gpt-4o-mini' },
      { id: 'an', provider: 'sim-anthropic', model: 'claude-3-5-haiku-latest' },
    ]);

    const before = await call<{ ok: boolean; issues: Array<{ message: string }> }>(
      core,
      'suites.validate',
      { yaml },
    );
    expect(before.ok).toBe(false);
    expect(before.issues[0]?.message).toContain('unknown provider "sim-openai"');

    await call(core, 'providers.add', {
      kind: 'openai',
      label: 'sim-openai',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });
    await call(core, 'providers.add', {
      kind: 'anthropic',
      label: 'sim-anthropic',
      config: { baseUrl: sim.url, apiKeySecret: 'SIM_ANTHROPIC_KEY' },
    });
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: key });
    await call(core, 'secrets.set', { name: 'SIM_ANTHROPIC_KEY', value: key });

    const after = await call<{ ok: boolean; plan: { cellCount: number } }>(
      core,
      'suites.validate',
      { yaml },
    );
    expect(after).toMatchObject({ ok: true, plan: { cellCount: 12 } });

    const c = core;
    const finished = new Promise<RunFinished>((resolve) => {
      const stop = c.events.subscribe((name, payload) => {
        if (name === 'run.finished') {
          stop();
          resolve(payload as RunFinished);
        }
      });
    });
    await call(core, 'runs.start', { suite: { yaml } });
    const result = await finished;
    expect(result.status).toBe('completed');
    expect(result.progress.models.map((m) => [m.modelKey, m.ok])).toEqual([
      ['oa', 6],
      ['an', 6],
    ]);
    const routes = sim.log().map((entry) => [entry.route, entry.status]);
    expect(routes.filter(([r]) => r === 'openai.chat')).toHaveLength(6);
    expect(routes.filter(([r]) => r === 'anthropic.messages')).toHaveLength(6);
    // The simulator answers a wrong or missing key with 401: every request carried the stored key.
    expect(routes.every(([, status]) => status === 200)).toBe(true);
  });

  it("lays a provider's default limits under the suite's own, and records them in the manifest", async () => {
    const { sim, core } = await openSimulated({ latency: 5, apiKey: key });
    writeDataset(core, 'qa', 4);
    const openai = await call<{ id: string }>(core, 'providers.add', {
      kind: 'openai',
      label: 'sim-openai',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });
    await call(core, 'providers.add', {
      kind: 'anthropic',
      label: 'sim-anthropic',
      config: { baseUrl: sim.url, apiKeySecret: 'SIM_ANTHROPIC_KEY' },
    });
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: key });
    await call(core, 'secrets.set', { name: 'SIM_ANTHROPIC_KEY', value: key });
    const summary = await call<{ limits: unknown }>(core, 'providers.setLimits', {
      providerId: openai.id,
      limits: { concurrency: 1, rpm: 6000, tpm: null },
    });
    expect(summary.limits).toEqual({ concurrency: 1, rpm: 6000, tpm: null });
    const listed = await call<Array<{ label: string; limits: unknown }>>(core, 'providers.list');
    expect(listed.find((p) => p.label === 'sim-openai')?.limits).toEqual(summary.limits);

    const yaml = suiteNaming([
      { id: 'oa', provider: 'sim-openai', model: 'gpt-4o-mini' },
      { id: 'an', provider: 'sim-anthropic', model: 'claude-3-5-haiku-latest' },
    ]);
    const c = core;
    const finished = new Promise<RunFinished>((resolve) => {
      const stop = c.events.subscribe((name, payload) => {
        if (name === 'run.finished') {
          stop();
          resolve(payload as RunFinished);
        }
      });
    });
    const started = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
    const result = await finished;
    expect(result.status).toBe('completed');
    const run = await call<{ manifest: { options: { providers: unknown } } }>(core, 'runs.get', {
      runId: started.runId,
    });
    // The engine's lanes read their limits from here (lanes.ts).
    expect(run.manifest.options.providers).toEqual({
      'sim-openai': { concurrency: 1, rpm: 6000 },
      'sim-anthropic': { concurrency: 1 },
    });

    // The suite's own entry wins field by field.
    const own = yaml.replace(
      '    sim-anthropic: { concurrency: 1 }',
      '    sim-anthropic: { concurrency: 1 }\n    sim-openai: { concurrency: 2 }',
    );
    const planned = await call<{ runId: string }>(core, 'runs.start', {
      suite: { yaml: own },
    });
    await call(core, 'runs.cancel', { runId: planned.runId });
    const second = await call<{ manifest: { options: { providers: unknown } } }>(core, 'runs.get', {
      runId: planned.runId,
    });
    expect(second.manifest.options.providers).toMatchObject({
      'sim-openai': { concurrency: 2, rpm: 6000 },
    });
  });
});
