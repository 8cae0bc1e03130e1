/**
 * What a cached model list costs: no unsealing of the provider's key. Counted on the real file
 * store (`FileSealedSecrets.read`, the one place a stored key is decrypted, spied on and called
 * through), with the provider simulator on loopback. A changed key — set here, by another
 * process's store on the same files, or in the environment — still asks again.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProviderModelList } from '@contract/routes/providers';
import type { Core } from '@core/host';
import { FileSealedSecrets } from '@core/secrets/fileSealedSecrets';
import { workspaceFiles } from '@core/workspace/paths';
import { call } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { startSimulator, type Simulator } from '../../simulator';

const key = 'sk-key-cost-0123456789abcdef';
const tempDir = useTempDir();
const openCore = useTestCores();

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: key, modelList: ['sim-small', 'sim-large'] });
});
afterAll(() => sim.close());
afterEach(() => vi.restoreAllMocks());

async function openAiProvider(core: Core): Promise<string> {
  const added = await call<{ id: string }>(core, 'providers.add', {
    kind: 'openai',
    label: 'sim',
    config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_COST_KEY' },
  });
  return added.id;
}

const models = (core: Core, providerId: string) =>
  call<ProviderModelList>(core, 'providers.models', { providerId });
const requests = () => sim.log().filter((e) => e.route === 'openai.models').length;

describe('providers.models and the provider key', () => {
  it('answers from the cache without decrypting the key; a key changed here or by another process asks again', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const id = await openAiProvider(core);
    await call(core, 'secrets.set', { name: 'SIM_COST_KEY', value: key });
    const decryptions = vi.spyOn(FileSealedSecrets.prototype, 'read');
    const before = requests();

    expect((await models(core, id)).models).toEqual(['sim-large', 'sim-small']);
    expect(requests()).toBe(before + 1);
    const afterFetch = decryptions.mock.calls.length;
    expect(afterFetch).toBeGreaterThan(0); // the request itself needs the key

    for (let i = 0; i < 5; i++) expect((await models(core, id)).error).toBeNull();
    expect(requests()).toBe(before + 1);
    expect(decryptions.mock.calls.length).toBe(afterFetch);

    // The same last four characters, another key: asked again (and refused).
    await call(core, 'secrets.set', { name: 'SIM_COST_KEY', value: `sk-other-${key.slice(-4)}` });
    expect((await models(core, id)).error).toContain('The API key was refused');
    expect(requests()).toBe(before + 2);

    // The CLI beside the app writes the key into the same sealed file: seen at the next ask.
    const files = workspaceFiles(core.context.workspaceDir);
    new FileSealedSecrets(files.sealedSecrets, join(dir, 'keys', 'secret.key')).write(
      'SIM_COST_KEY',
      key,
    );
    expect((await models(core, id)).models).toEqual(['sim-large', 'sim-small']);
    expect(requests()).toBe(before + 3);
    const afterRefetch = decryptions.mock.calls.length;
    await models(core, id);
    expect(decryptions.mock.calls.length).toBe(afterRefetch);
    expect(requests()).toBe(before + 3);

    // Removed: asked again, and it says the key is missing (without a request).
    await call(core, 'secrets.delete', { name: 'SIM_COST_KEY' });
    expect((await models(core, id)).error).toContain('SIM_COST_KEY is not set');
    expect(requests()).toBe(before + 3);
  });

  it('takes a key from the environment without the sealed store, and knows when it changes', async () => {
    const dir = tempDir();
    const env: Record<string, string> = {
      YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key'),
      SIM_COST_KEY: key,
    };
    const core = openCore(dir, { env });
    const id = await openAiProvider(core);
    const decryptions = vi.spyOn(FileSealedSecrets.prototype, 'read');
    const before = requests();
    expect((await models(core, id)).error).toBeNull();
    expect((await models(core, id)).error).toBeNull();
    expect(requests()).toBe(before + 1);
    env.SIM_COST_KEY = `sk-other-${key.slice(-4)}`;
    expect((await models(core, id)).error).toContain('The API key was refused');
    expect(requests()).toBe(before + 2);
    expect(decryptions.mock.calls.length).toBe(0);
  });
});
