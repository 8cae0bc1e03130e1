/** "Test connection" messages and embeddings of the hosted adapters, against the simulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator';
import { adapterFor, closedPort, httpKindCases, simKey } from './support';

describe.each(httpKindCases)('$kind test connection', (kindCase) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ apiKey: simKey, modelList: ['alpha', 'beta'] });
  });
  afterAll(() => sim.close());

  it('lists the models when it connects', async () => {
    const adapter = adapterFor(kindCase, sim.url);
    const test = await adapter.testConnection(AbortSignal.timeout(2000));
    await adapter.close?.();
    expect(test).toMatchObject({ ok: true, models: ['alpha', 'beta'] });
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says the key was refused, without showing it', async () => {
    const adapter = adapterFor(kindCase, sim.url, 'sk-wrong-0000000000000000');
    const test = await adapter.testConnection(AbortSignal.timeout(2000));
    await adapter.close?.();
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/API key was refused/);
    expect(test.message).not.toContain('sk-wrong-0000000000000000');
  });

  it('says the server is unreachable', async () => {
    const port = await closedPort();
    const adapter = adapterFor(kindCase, `http://127.0.0.1:${port}`);
    const test = await adapter.testConnection(AbortSignal.timeout(2000));
    await adapter.close?.();
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });

  it('says the URL looks wrong when the API is not there', async () => {
    const adapter = adapterFor(kindCase, `${sim.url}/not-the-api`);
    const test = await adapter.testConnection(AbortSignal.timeout(2000));
    await adapter.close?.();
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/Wrong URL\?.*404/);
  });
});

describe.each(httpKindCases.filter((c) => c.hasEmbeddings))('$kind embeddings', (kindCase) => {
  it('returns one vector per input, in order, deterministic per text', async () => {
    const sim = await startSimulator({ embeddingDimensions: 16 });
    const adapter = adapterFor(kindCase, sim.url);
    try {
      if (!adapter.embed) throw new Error(`${kindCase.kind} should offer embeddings`);
      const embed = adapter.embed.bind(adapter);
      const signal = AbortSignal.timeout(2000);
      const first = await embed({ model: 'sim-embed', inputs: ['alpha', 'beta', 'alpha'], signal });
      expect(first).toHaveLength(3);
      expect(first[0]).toHaveLength(16);
      expect(first[0]).toEqual(first[2]);
      expect(first[0]).not.toEqual(first[1]);
      const again = await embed({ model: 'sim-embed', inputs: ['beta'], signal });
      expect(again[0]).toEqual(first[1]);
      expect(
        sim.log().every((e) => e.route.endsWith('embed') || e.route.endsWith('embeddings')),
      ).toBe(true);
    } finally {
      await adapter.close?.();
      await sim.close();
    }
  });
});

describe('embeddings faults', () => {
  it('classifies a 429 on embeddings as rate limited', async () => {
    const sim = await startSimulator({ faults: { script: ['rate_limit'], retryAfterMs: 2000 } });
    const openai = httpKindCases[0];
    if (!openai) throw new Error('no openai case');
    const adapter = adapterFor(openai, sim.url);
    try {
      await expect(
        adapter.embed?.({ model: 'e', inputs: ['x'], signal: AbortSignal.timeout(2000) }),
      ).rejects.toMatchObject({ errorClass: 'rate_limited', details: { retryAfterMs: 2000 } });
    } finally {
      await adapter.close?.();
      await sim.close();
    }
  });
});
