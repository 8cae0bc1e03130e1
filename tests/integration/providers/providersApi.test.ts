/** The providers and pricing routes through dispatch, on a real workspace and the simulator. */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { detectServers } from '@core/providers/workspaceProviders';
import { call } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { startSimulator, type Simulator } from '../../simulator';
import { closedPort, eventually } from './support';
import { testModelPath } from './localModel';

const tempDir = useTempDir();
const openCore = useTestCores();
function open(): Core {
  return openCore(tempDir());
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: 'sk-workspace-key-1234567890', modelList: ['m1', 'm2'] });
});
afterAll(() => sim.close());

interface Summary {
  id: string;
  kind: string;
  label: string;
  baseUrl: string | null;
  secretName: string | null;
  secret: { isSet: boolean; last4: string | null } | null;
  isLocal: boolean;
}

describe('providers API', () => {
  it('lists the kinds with their config schemas', async () => {
    const kinds = await call<Array<{ id: string; configSchema: object }>>(
      open(),
      'providers.kinds',
    );
    expect(kinds.map((k) => k.id)).toContain('openai-compatible');
    expect(kinds.every((k) => typeof k.configSchema === 'object')).toBe(true);
  });

  it('adds, lists, updates and removes providers, keeping keys out of the table', async () => {
    const core = open();
    await call(core, 'secrets.set', { name: 'SIM_KEY', value: 'sk-workspace-key-1234567890' });
    const added = await call<Summary>(core, 'providers.add', {
      kind: 'openai-compatible',
      label: 'Simulator',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_KEY' },
    });
    expect(added).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: `${sim.url}/v1`,
      secretName: 'SIM_KEY',
      secret: { isSet: true, last4: '7890' },
      isLocal: true,
    });
    const ollama = await call<Summary>(core, 'providers.add', {
      kind: 'openai-compatible',
      label: 'Ollama',
      config: { preset: 'ollama' },
    });
    expect(ollama).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      secretName: null,
      secret: null,
    });
    const list = await call<Summary[]>(core, 'providers.list');
    expect(list.map((p) => p.label)).toEqual(['Ollama', 'Simulator']);
    const stored = core.context.db.raw.prepare('SELECT * FROM providers').all();
    expect(JSON.stringify(stored)).not.toContain('sk-workspace-key');

    const renamed = await call<Summary>(core, 'providers.update', {
      providerId: added.id,
      label: 'Sim',
    });
    expect(renamed.label).toBe('Sim');
    expect(await call(core, 'providers.remove', { providerId: ollama.id })).toEqual({
      removed: true,
    });
    expect(await call(core, 'providers.remove', { providerId: ollama.id })).toEqual({
      removed: false,
    });
  });

  it('refuses a bad config, naming the field, and a duplicate label', async () => {
    const core = open();
    const bad = await core.dispatch('providers.add', {
      kind: 'openai',
      label: 'x',
      config: { baseUrl: 'not a url' },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'config.baseUrl' }] },
    });
    const unknown = await core.dispatch('providers.add', { kind: 'gpt', label: 'x', config: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/known kinds: openai, anthropic/);
    await call(core, 'providers.add', { kind: 'local', label: 'Local', config: {} });
    const dup = await core.dispatch('providers.add', { kind: 'local', label: 'Local', config: {} });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('tests a connection: models listed, or a clear reason, never the key', async () => {
    const core = open();
    await call(core, 'secrets.set', { name: 'SIM_KEY', value: 'sk-workspace-key-1234567890' });
    const provider = await call<Summary>(core, 'providers.add', {
      kind: 'openai',
      label: 'Sim OpenAI',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_KEY' },
    });
    expect(await call(core, 'providers.test', { providerId: provider.id })).toMatchObject({
      ok: true,
      models: ['m1', 'm2'],
    });
    await call(core, 'secrets.set', { name: 'WRONG_KEY', value: 'sk-wrong-key-abcdefghijkl' });
    const refused = await call<{ ok: boolean; message: string }>(core, 'providers.test', {
      kind: 'openai',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'WRONG_KEY' },
    });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/API key was refused \(check WRONG_KEY\)/);
    expect(refused.message).not.toContain('sk-wrong-key');
    const port = await closedPort();
    const unreachable = await call<{ ok: boolean; message: string }>(core, 'providers.test', {
      kind: 'openai-compatible',
      config: { baseUrl: `http://127.0.0.1:${port}/v1` },
    });
    expect(unreachable).toMatchObject({ ok: false });
    expect(unreachable.message).toMatch(/Cannot reach/);
  });

  it('tests the local provider by loading its GGUF model', async () => {
    const core = open();
    const test = await call<{ ok: boolean; models: string[] }>(core, 'providers.test', {
      kind: 'local',
      config: { modelPath: testModelPath() },
    });
    expect(test).toMatchObject({ ok: true, models: ['stories260K.gguf'] });
  });

  it('detects a local server on a probed loopback port and links it to a configured provider', async () => {
    const core = open();
    const ollama = await startSimulator({ server: 'ollama', modelList: ['llama3.2:1b'] });
    try {
      const idle = await closedPort();
      const candidates = [
        { preset: 'ollama' as const, port: ollama.port },
        { preset: 'vllm' as const, port: idle },
      ];
      const before = await detectServers(core.context, { candidates });
      expect(before).toEqual([
        {
          preset: 'ollama',
          label: 'Ollama',
          port: ollama.port,
          baseUrl: `http://127.0.0.1:${ollama.port}/v1`,
          identified: true,
          models: ['llama3.2:1b'],
          configuredProviderId: null,
        },
      ]);
      const added = await call<Summary>(core, 'providers.add', {
        kind: 'openai-compatible',
        label: 'My Ollama',
        config: { preset: 'ollama', baseUrl: `http://localhost:${ollama.port}/v1` },
      });
      const after = await detectServers(core.context, { candidates });
      expect(after[0]?.configuredProviderId).toBe(added.id);
    } finally {
      await ollama.close();
    }
  });

  it('detects on the default ports through the route, loopback only', async () => {
    const servers = await call<Array<{ baseUrl: string }>>(open(), 'providers.detect');
    for (const s of servers) expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('reports the local model and prepares it as a job', async () => {
    const previous = process.env.YARDSTICK_LOCAL_MODEL;
    process.env.YARDSTICK_LOCAL_MODEL = testModelPath();
    try {
      const core = open();
      expect(await call(core, 'providers.localModel')).toMatchObject({
        path: testModelPath(),
        source: 'environment',
        problem: null,
        defaultModel: { licence: 'Apache-2.0' },
      });
      const { jobId } = await call<{ jobId: string }>(core, 'providers.downloadLocalModel');
      await eventually(() => core.context.jobs.get(jobId)?.status === 'completed');
      process.env.YARDSTICK_LOCAL_MODEL = '/missing/model.gguf';
      expect(await call(core, 'providers.localModel')).toMatchObject({
        path: null,
        problem: expect.stringContaining('/missing/model.gguf') as unknown,
      });
    } finally {
      if (previous === undefined) delete process.env.YARDSTICK_LOCAL_MODEL;
      else process.env.YARDSTICK_LOCAL_MODEL = previous;
    }
  });

  it('emits providers.changed when providers or prices change', async () => {
    const core = open();
    const seen: string[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'providers.changed') seen.push((payload as { what: string }).what);
    });
    await call(core, 'providers.add', { kind: 'local', label: 'L', config: {} });
    await call(core, 'pricing.set', {
      providerKind: 'local',
      model: 'x',
      inputUsdPerMTok: 0,
      outputUsdPerMTok: 0,
    });
    expect(seen).toEqual(['providers', 'pricing']);
  });
});
