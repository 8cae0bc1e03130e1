/**
 * `providers.models` through dispatch, on a real workspace and the provider simulator: each wire
 * format's models endpoint (OpenAI and Anthropic `/v1/models`, Gemini `/v1beta/models`), the
 * cache (a second ask makes no request; `refresh`, an edited config and any new key do; a
 * failure is kept half a minute, a list five), and the answers of providers that cannot list
 * (no key, nothing listening, Azure deployments, the local model).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderModelList } from '@contract/routes/providers';
import type { Core } from '@core/host';
import { modelListFailureTtlMs, modelListTtlMs, providerModels } from '@core/providers/modelLists';
import { providersRepo } from '@core/providers/workspaceProviders';
import { call } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { startSimulator, type SimRoute, type Simulator } from '../../simulator';
import { testModelPath } from './localModel';
import { closedPort } from './support';

const key = 'sk-model-lists-0123456789abcdef';
const tempDir = useTempDir();
const openCore = useTestCores();

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: key, modelList: ['sim-small', 'sim-judge', 'sim-large'] });
});
afterAll(() => sim.close());

const formats: Array<{ kind: string; route: SimRoute; config: (url: string) => object }> = [
  { kind: 'openai', route: 'openai.models', config: (url) => ({ baseUrl: `${url}/v1` }) },
  { kind: 'anthropic', route: 'anthropic.models', config: (url) => ({ baseUrl: url }) },
  { kind: 'gemini', route: 'gemini.models', config: (url) => ({ baseUrl: url }) },
];

async function addProvider(core: Core, kind: string, config: object): Promise<string> {
  const added = await call<{ id: string }>(core, 'providers.add', {
    kind,
    label: `sim-${kind}`,
    config: { ...config, apiKeySecret: `SIM_${kind.toUpperCase().replace(/-/g, '_')}_KEY` },
  });
  return added.id;
}

const models = (core: Core, providerId: string, refresh?: boolean) =>
  call<ProviderModelList>(core, 'providers.models', {
    providerId,
    ...(refresh === undefined ? {} : { refresh }),
  });

describe('providers.models', () => {
  for (const format of formats) {
    it(`lists ${format.kind} models, answers again from the cache, and refreshes on request`, async () => {
      const core = openCore(tempDir());
      const id = await addProvider(core, format.kind, format.config(sim.url));
      await call(core, 'secrets.set', {
        name: `SIM_${format.kind.toUpperCase()}_KEY`,
        value: key,
      });
      const requests = () => sim.log().filter((e) => e.route === format.route).length;
      const before = requests();

      const first = await models(core, id);
      expect(first).toMatchObject({
        models: ['sim-judge', 'sim-large', 'sim-small'],
        error: null,
      });
      expect(requests()).toBe(before + 1);

      const cached = await models(core, id);
      expect(cached).toEqual(first);
      expect(requests()).toBe(before + 1);

      const refreshed = await models(core, id, true);
      expect(refreshed.models).toEqual(first.models);
      expect(requests()).toBe(before + 2);

      // An edited config is another provider as far as its list goes.
      await call(core, 'providers.update', { providerId: id, label: `sim-${format.kind}-2` });
      await models(core, id);
      expect(requests()).toBe(before + 3);
    });

    it(`says which key is missing for ${format.kind}, without a request, and tries again next time`, async () => {
      const core = openCore(tempDir());
      const id = await addProvider(core, format.kind, format.config(sim.url));
      const secret = `SIM_${format.kind.toUpperCase()}_KEY`;
      const before = sim.log().length;
      const missing = await models(core, id);
      expect(missing.models).toEqual([]);
      expect(missing.error).toContain(`${secret} is not set`);
      expect(sim.log().length).toBe(before);

      // A failure is kept for the same key only: once the key is stored the same ask lists.
      await call(core, 'secrets.set', { name: secret, value: key });
      expect((await models(core, id)).models).toEqual(['sim-judge', 'sim-large', 'sim-small']);
    });
  }

  it('reports a refused key without echoing it', async () => {
    const core = openCore(tempDir());
    const id = await addProvider(core, 'openai', { baseUrl: `${sim.url}/v1` });
    const wrong = 'sk-wrong-key-abcdefghijklmnop1234';
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: wrong });
    const refused = await models(core, id);
    expect(refused.models).toEqual([]);
    expect(refused.error).toContain('The API key was refused (check SIM_OPENAI_KEY)');
    expect(refused.error).not.toContain(wrong);
  });

  it('says when nothing answers, and that Azure deployments must be typed', async () => {
    const core = openCore(tempDir());
    const port = await closedPort();
    const offline = await call<{ id: string }>(core, 'providers.add', {
      kind: 'openai-compatible',
      label: 'nothing-there',
      config: { baseUrl: `http://127.0.0.1:${port}/v1` },
    });
    expect((await models(core, offline.id)).error).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1/);

    const azure = await call<{ id: string }>(core, 'providers.add', {
      kind: 'azure-openai',
      label: 'azure',
      config: { endpoint: sim.url },
    });
    const before = sim.log().length;
    const answer = await models(core, azure.id);
    expect(answer).toMatchObject({ models: [] });
    expect(answer.error).toContain('type the deployment name');
    expect(sim.log().length).toBe(before);
  });

  it('lists the local GGUF model without loading it, and names a missing file', async () => {
    const core = openCore(tempDir());
    const path = testModelPath();
    const local = await call<{ id: string }>(core, 'providers.add', {
      kind: 'local',
      label: 'tiny',
      config: { modelPath: path },
    });
    expect(await models(core, local.id)).toMatchObject({ models: ['default', path], error: null });

    const missing = await call<{ id: string }>(core, 'providers.add', {
      kind: 'local',
      label: 'gone',
      config: { modelPath: `${path}.missing` },
    });
    const answer = await models(core, missing.id);
    expect(answer.models).toEqual([]);
    expect(answer.error).toContain('does not exist');
  });

  it('fetches again for a new key that ends in the same four characters', async () => {
    const core = openCore(tempDir());
    const id = await addProvider(core, 'openai', { baseUrl: `${sim.url}/v1` });
    const requests = () => sim.log().filter((e) => e.route === 'openai.models').length;
    const before = requests();
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: key });
    expect((await models(core, id)).error).toBeNull();
    expect(requests()).toBe(before + 1);

    const sameLast4 = `sk-someone-elses-key-${key.slice(-4)}`;
    expect(sameLast4.slice(-4)).toBe(key.slice(-4));
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: sameLast4 });
    const refused = await models(core, id);
    expect(refused.models).toEqual([]);
    expect(refused.error).toContain('The API key was refused');
    expect(requests()).toBe(before + 2);

    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: key });
    expect((await models(core, id)).models).toEqual(['sim-judge', 'sim-large', 'sim-small']);
    expect(requests()).toBe(before + 3);
  });

  it('keeps a failure for half a minute and a list for five, and refresh asks at once', async () => {
    const core = openCore(tempDir());
    const id = await addProvider(core, 'openai', { baseUrl: `${sim.url}/v1` });
    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: 'sk-refused-0000000000' });
    const record = providersRepo(core.context).get(id)!;
    let clock = 1_000_000;
    const ask = (refresh = false) =>
      providerModels(core.context, record, { refresh, now: () => clock });
    const requests = () => sim.log().filter((e) => e.route === 'openai.models').length;
    const before = requests();

    const refused = await ask();
    expect(refused.error).toContain('The API key was refused');
    expect(requests()).toBe(before + 1);
    clock += modelListFailureTtlMs - 1;
    expect(await ask()).toEqual(refused);
    expect(requests()).toBe(before + 1);

    // Retry: asks now, and the new failure is kept from now.
    expect((await ask(true)).error).toContain('The API key was refused');
    expect(requests()).toBe(before + 2);
    clock += modelListFailureTtlMs - 1;
    await ask();
    expect(requests()).toBe(before + 2);
    clock += 1;
    await ask();
    expect(requests()).toBe(before + 3);

    await call(core, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: key });
    const listed = await ask();
    expect(listed.error).toBeNull();
    expect(requests()).toBe(before + 4);
    clock += modelListTtlMs - 1;
    expect(await ask()).toEqual(listed);
    expect(requests()).toBe(before + 4);
    clock += 1;
    await ask();
    expect(requests()).toBe(before + 5);
  });

  it('refuses an unknown provider id', async () => {
    const core = openCore(tempDir());
    const result = await core.dispatch('providers.models', { providerId: 'provider_missing' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
