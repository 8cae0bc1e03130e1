import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRequestJson, type RequestIdentity } from '@core/runner/requestHash';
import { canonicalJson } from '@core/util/hash';

const identity = fc.record({
  providerKind: fc.string(),
  baseUrl: fc.option(fc.string(), { nil: null }),
  model: fc.string(),
  params: fc.record(
    {
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      top_p: fc.double({ min: 0.01, max: 1, noNaN: true }),
      max_tokens: fc.integer({ min: 1, max: 100_000 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      stop: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  messages: fc.array(
    fc.record({
      role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const),
      content: fc.string({ unit: 'grapheme' }),
    }),
    { maxLength: 4 },
  ),
  repeat: fc.nat(100),
});

describe('request identity serialisation', () => {
  it('equals the general RFC 8785 canonicaliser for every identity', () => {
    fc.assert(
      fc.property(identity, (id: RequestIdentity) => {
        const general = canonicalJson({
          v: 1,
          kind: id.providerKind,
          baseUrl: id.baseUrl,
          model: id.model,
          params: id.params,
          messages: id.messages,
          repeat: id.repeat,
        });
        expect(canonicalRequestJson(id)).toBe(general);
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to the general canonicaliser outside the known shape', () => {
    const odd = {
      providerKind: 'k',
      baseUrl: null,
      model: 'm',
      params: { logit_bias: 1 } as never,
      messages: [],
      repeat: 0,
    };
    expect(canonicalRequestJson(odd)).toBe(
      '{"baseUrl":null,"kind":"k","messages":[],"model":"m","params":{"logit_bias":1},"repeat":0,"v":1}',
    );
    expect(() =>
      canonicalRequestJson({ ...odd, params: {}, messages: [{ role: 'user', content: '\ud800' }] }),
    ).toThrow(/surrogate/i);
  });
});
