import { describe, expect, it } from 'vitest';
import {
  chunkSeeds,
  directGeneratorState,
  meanReplicates,
  meanReplicatesDirect,
} from '@core/stats/resampleKernels';
import { wasmDirectMeanKernel } from '@core/stats/resampleWasm';

describe('WebAssembly direct-index kernel', () => {
  it.each([1, 2, 7, 1000, 3001, 70_000])(
    'gives bit-identical replicates to the JavaScript kernel (n = %i)',
    (n) => {
      const data = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 10 + i / n);
      const kernel = wasmDirectMeanKernel(data);
      expect(kernel).not.toBeNull();
      const count = n > 10_000 ? 40 : 700;
      const seed = 987_654_321 + n;
      const reference = new Float64Array(count + 3);
      meanReplicatesDirect(data, seed, count, reference, 3);
      const fast = new Float64Array(count + 3);
      kernel?.(directGeneratorState(seed), count, fast, 3);
      expect(Array.from(fast)).toEqual(Array.from(reference));
    },
  );

  it('continues the generator across calls, as one long call would', () => {
    const data = Float64Array.from({ length: 500 }, (_, i) => (i * 37) % 101);
    const kernel = wasmDirectMeanKernel(data);
    const state = directGeneratorState(5);
    const split = new Float64Array(1200);
    kernel?.(state, 700, split, 0);
    kernel?.(state, 500, split, 700);
    const whole = new Float64Array(1200);
    kernel?.(directGeneratorState(5), 1200, whole, 0);
    expect(Array.from(split)).toEqual(Array.from(whole));
  });

  it('leaves meanReplicates giving the reference replicates for continuous data', () => {
    const data = Float64Array.from({ length: 20_000 }, (_, i) => Math.cos(i) ** 3);
    const seeds = chunkSeeds('continuous', 1200);
    const replicates = meanReplicates(data, seeds, 1200);
    const reference = new Float64Array(1200);
    for (let chunk = 0; chunk < seeds.length; chunk++)
      meanReplicatesDirect(
        data,
        seeds[chunk]!,
        Math.min(500, 1200 - chunk * 500),
        reference,
        chunk * 500,
      );
    expect(Array.from(replicates)).toEqual(Array.from(reference));
  });
});
