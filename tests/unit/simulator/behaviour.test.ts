import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '@core/stats/random';
import { FaultCounters, sampleLatency } from '../../simulator/behaviour';
import { shapeReply, splitPieces } from '../../simulator/text';

describe('simulator latency distributions', () => {
  it('samples fixed, uniform and lognormal latencies reproducibly from the seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () =>
        sampleLatency({ kind: 'lognormal', medianMs: 50, sigma: 0.5 }, random),
      );
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const random = createRandom(1);
    expect(sampleLatency(25, random)).toBe(25);
    expect(sampleLatency({ kind: 'fixed', ms: 12 }, random)).toBe(12);
    for (let i = 0; i < 200; i++) {
      const v = sampleLatency({ kind: 'uniform', minMs: 10, maxMs: 20 }, random);
      expect(v).toBeGreaterThanOrEqual(10);
      expect(v).toBeLessThan(20);
    }
  });

  it('gives a lognormal with the configured median', () => {
    const random = createRandom(11);
    const samples = Array.from({ length: 4001 }, () =>
      sampleLatency({ kind: 'lognormal', medianMs: 80, sigma: 0.6 }, random),
    ).sort((a, b) => a - b);
    const median = samples[2000] as number;
    expect(median).toBeGreaterThan(72);
    expect(median).toBeLessThan(88);
    expect(samples.every((s) => s > 0)).toBe(true);
  });
});

describe('simulator fault selection', () => {
  it('plays a per-cell script by attempt number, then the global script, then rates', () => {
    const counters = new FaultCounters();
    const random = createRandom(5);
    const spec = { perCell: ['rate_limit', 'server_500'] as const, script: ['reset'] as const };
    const pick = (tag: string | null) =>
      counters.pick({ perCell: [...spec.perCell], script: [...spec.script] }, tag, random);
    expect(pick('a')).toBe('rate_limit');
    expect(pick('b')).toBe('rate_limit');
    expect(pick('a')).toBe('server_500');
    expect(pick('a')).toBe('reset'); // per-cell script exhausted: the global script's first entry
    expect(pick('a')).toBe('ok');
    expect(pick(null)).toBe('ok');
    counters.reset();
    expect(pick('a')).toBe('rate_limit');
  });

  it('draws faults at the configured rates', () => {
    const counters = new FaultCounters();
    const random = createRandom(9);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const fault = counters.pick({ rates: { server_500: 0.1, reset: 0.05 } }, null, random);
      counts.set(fault, (counts.get(fault) ?? 0) + 1);
    }
    expect(counts.get('server_500')).toBeGreaterThan(900);
    expect(counts.get('server_500')).toBeLessThan(1100);
    expect(counts.get('reset')).toBeGreaterThan(420);
    expect(counts.get('reset')).toBeLessThan(580);
  });
});

describe('simulator reply shaping', () => {
  it('splits text into pieces that join back to it', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(splitPieces(text).join('')).toBe(text);
      }),
    );
  });

  it('applies max_tokens and stop sequences', () => {
    expect(shapeReply('one two three four', 2, [])).toMatchObject({
      text: 'one two',
      finish: 'length',
    });
    expect(shapeReply('one two STOP three', null, ['STOP'])).toMatchObject({
      text: 'one two ',
      finish: 'stop_sequence',
    });
    expect(shapeReply('one two', 10, [])).toMatchObject({ text: 'one two', finish: 'stop' });
  });
});
