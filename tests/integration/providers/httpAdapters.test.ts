/**
 * Every hosted adapter against the provider simulator on loopback, streaming and not: text,
 * usage, timing, finish reason, the cell tag, and each fault classified as the engine expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, type ProviderAdapter } from '@core/providers/types';
import { startSimulator, type FaultKind, type Simulator } from '../../simulator';
import { adapterFor, chatRequest, eventually, failure, httpKindCases, simKey } from './support';

const faultExpectations: Array<{
  fault: FaultKind;
  errorClass: ProviderError['errorClass'];
  status: number | null;
}> = [
  { fault: 'rate_limit_bare', errorClass: 'rate_limited', status: 429 },
  { fault: 'server_500', errorClass: 'server', status: 500 },
  { fault: 'server_503', errorClass: 'server', status: 503 },
  { fault: 'auth', errorClass: 'auth', status: null },
  { fault: 'bad_request', errorClass: 'bad_request', status: 400 },
  { fault: 'reset', errorClass: 'network', status: null },
  { fault: 'malformed', errorClass: 'malformed', status: 200 },
  { fault: 'truncated', errorClass: 'truncated', status: 200 },
];

describe.each(httpKindCases)('$kind adapter against the simulator', (kindCase) => {
  let sim: Simulator;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7 });
    adapter = adapterFor(kindCase, sim.url);
  });
  afterAll(async () => {
    await adapter.close?.();
    await sim.close();
  });

  const fresh = (config: Parameters<Simulator['setConfig']>[0] = {}) => {
    sim.setConfig({
      latency: 0,
      tokensPerSecond: 0,
      faults: {},
      omitUsage: false,
      apiKey: null,
      ...config,
    });
    sim.clearLog();
  };

  describe.each([false, true])('stream=%s', (stream) => {
    it('returns the text, usage, finish reason and timing', async () => {
      fresh();
      const result = await adapter.complete(chatRequest({ stream }));
      expect(result.text).toBe('The quick brown fox jumps over the lazy dog');
      expect(result.inputTokens).toBeGreaterThan(10);
      expect(result.outputTokens).toBe(9);
      expect(result.finishReason).not.toBeNull();
      expect(result.httpStatus).toBe(200);
      const t = result.timing;
      expect(t.endedAt).toBeGreaterThanOrEqual(t.startedAt);
      if (stream) {
        expect(t.firstTokenAt).not.toBeNull();
        expect(t.firstTokenAt as number).toBeGreaterThanOrEqual(t.startedAt);
        expect(t.firstTokenAt as number).toBeLessThanOrEqual(t.endedAt);
        expect(t.interTokenMs).not.toBeNull();
      } else {
        expect(t.firstTokenAt).toBeNull();
        expect(t.interTokenMs).toBeNull();
      }
      const [entry] = sim.log();
      expect(entry).toMatchObject({
        route: kindCase.chatRoute(stream),
        model: 'sim-small',
        stream,
        status: 200,
      });
    });

    it('stops at max_tokens with the API own finish reason', async () => {
      fresh();
      const result = await adapter.complete(chatRequest({ stream, params: { max_tokens: 3 } }));
      expect(result.text).toBe('The quick brown');
      expect(result.outputTokens).toBe(3);
      expect(result.finishReason).toBe(kindCase.lengthReason);
    });

    it('measures time to first token and the gap between tokens', async () => {
      fresh({ latency: 40, tokensPerSecond: 200 });
      const result = await adapter.complete(chatRequest({ stream }));
      const t = result.timing;
      expect(t.endedAt - t.startedAt).toBeGreaterThanOrEqual(39);
      if (stream) {
        expect((t.firstTokenAt as number) - t.startedAt).toBeGreaterThanOrEqual(39);
        // Nine pieces at 200 tokens/s: gaps of about 5 ms (a lower bound only; timers never fire early).
        expect(t.interTokenMs as number).toBeGreaterThanOrEqual(4);
      }
    });

    it('sends the cell tag so the request log can be matched to results', async () => {
      fresh();
      await adapter.complete(chatRequest({ stream, requestTag: 'cell-42' }));
      expect(sim.log().map((e) => e.tag)).toEqual(['cell-42']);
    });

    it('reports missing usage as null (the engine then estimates)', async () => {
      fresh({ omitUsage: true });
      const result = await adapter.complete(chatRequest({ stream }));
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.inputTokens).toBeNull();
      expect(result.outputTokens).toBeNull();
    });

    it.each(faultExpectations)(
      'classifies $fault as $errorClass',
      async ({ fault, errorClass, status }) => {
        fresh({ faults: { script: [fault] } });
        const error = await failure(adapter.complete(chatRequest({ stream })));
        expect(error).toBeInstanceOf(ProviderError);
        const e = error as ProviderError;
        expect(e.errorClass).toBe(errorClass);
        if (status !== null) expect(e.details.httpStatus).toBe(status);
        expect(e.message).not.toContain(simKey);
        // One attempt per call: the engine owns retries.
        expect(sim.log()).toHaveLength(1);
      },
    );

    it('parses Retry-After (seconds, or the API equivalent) on a 429', async () => {
      fresh({ faults: { script: ['rate_limit'], retryAfterMs: 1500 } });
      const e = (await failure(adapter.complete(chatRequest({ stream })))) as ProviderError;
      expect(e.errorClass).toBe('rate_limited');
      // retry-after-ms / RetryInfo give 1500 exactly; whole-second Retry-After gives 2000.
      expect(e.details.retryAfterMs).toBeGreaterThanOrEqual(1500);
      expect(e.details.retryAfterMs).toBeLessThanOrEqual(2000);
    });

    it('parses Retry-After as an HTTP date', async () => {
      fresh({ faults: { script: ['rate_limit_date'], retryAfterMs: 1500 } });
      const e = (await failure(adapter.complete(chatRequest({ stream })))) as ProviderError;
      expect(e.errorClass).toBe('rate_limited');
      // The date has whole-second precision and is rounded up: 1.5 to 2.5 s from now.
      expect(e.details.retryAfterMs).toBeGreaterThan(500);
      expect(e.details.retryAfterMs).toBeLessThanOrEqual(2500);
    });

    it('derives the wait from rate-limit reset headers', async () => {
      fresh({ faults: { script: ['rate_limit_reset'], retryAfterMs: 1500 } });
      const e = (await failure(adapter.complete(chatRequest({ stream })))) as ProviderError;
      expect(e.errorClass).toBe('rate_limited');
      expect(e.details.retryAfterMs).toBeGreaterThan(1000);
      expect(e.details.retryAfterMs).toBeLessThanOrEqual(1500);
    });

    it('reports an engine timeout as timeout (a stalled reply)', async () => {
      fresh({ faults: { script: ['slow_loris'] } });
      const error = await failure(
        adapter.complete(chatRequest({ stream, signal: AbortSignal.timeout(150) })),
      );
      expect((error as ProviderError).errorClass).toBe('timeout');
    });

    it('reports an abort without a timeout reason as cancelled', async () => {
      fresh({ faults: { script: ['timeout'] } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await failure(
        adapter.complete(chatRequest({ stream, signal: controller.signal })),
      );
      expect((error as ProviderError).errorClass).toBe('cancelled');
      await eventually(() => sim.log()[0]?.clientAborted === true);
    });
  });

  it('never puts a refused key in the error message', async () => {
    fresh({ apiKey: 'the-right-key-000000' });
    const e = (await failure(adapter.complete(chatRequest()))) as ProviderError;
    expect(e.errorClass).toBe('auth');
    expect(e.isRetryable).toBe(false);
    expect(e.message).toContain('«redacted»');
    expect(e.message).not.toContain(simKey);
  });
});

describe.each(httpKindCases.filter((c) => c.kind !== 'openai-compatible'))(
  '$kind adapter without its key',
  (kindCase) => {
    it('fails with auth, naming the secret, and makes no request', async () => {
      const sim = await startSimulator();
      const keyless = adapterFor(kindCase, sim.url, null);
      try {
        const e = (await failure(keyless.complete(chatRequest()))) as ProviderError;
        expect(e.errorClass).toBe('auth');
        expect(e.message).toContain(kindCase.secretName);
        const test = await keyless.testConnection(AbortSignal.timeout(2000));
        expect(test.ok).toBe(false);
        expect(test.message).toContain(kindCase.secretName);
        expect(sim.log()).toHaveLength(0);
      } finally {
        await keyless.close?.();
        await sim.close();
      }
    });
  },
);

describe('openai-compatible adapter without a key', () => {
  it('sends no Authorization header and works against a local server', async () => {
    const sim = await startSimulator();
    const compatible = httpKindCases.find((c) => c.kind === 'openai-compatible');
    if (!compatible) throw new Error('the openai-compatible case is missing');
    const keyless = adapterFor(compatible, sim.url, null);
    try {
      const result = await keyless.complete(chatRequest());
      expect(result.text).toContain('quick brown fox');
      // With a key required, the same server refuses the keyless request as auth.
      sim.setConfig({ apiKey: 'server-needs-this-key' });
      const e = (await failure(keyless.complete(chatRequest()))) as ProviderError;
      expect(e.errorClass).toBe('auth');
    } finally {
      await keyless.close?.();
      await sim.close();
    }
  });
});
