/** Per-request decisions: which behaviour applies to a model, how long to wait, which fault. */
import type { Random } from '../../src-main/core/stats/random';
import type { FaultKind, FaultSpec, LatencySpec, ModelBehaviour, SimulatorConfig } from './types';

export interface Behaviour {
  latency: LatencySpec;
  tokensPerSecond: number;
  faults: FaultSpec;
  omitUsage: boolean;
}

export const noFaults: FaultSpec = {};

/** The default behaviour with the model's overrides laid over it. */
export function behaviourFor(config: SimulatorConfig, model: string | null): Behaviour {
  const own: ModelBehaviour | undefined = model === null ? undefined : config.models?.[model];
  return {
    latency: own?.latency ?? config.latency ?? 0,
    tokensPerSecond: own?.tokensPerSecond ?? config.tokensPerSecond ?? 0,
    faults: own?.faults ?? config.faults ?? noFaults,
    omitUsage: own?.omitUsage ?? config.omitUsage ?? false,
  };
}

/** Samples a latency in milliseconds (never negative). */
export function sampleLatency(spec: LatencySpec, random: Random): number {
  if (typeof spec === 'number') return Math.max(0, spec);
  switch (spec.kind) {
    case 'fixed':
      return Math.max(0, spec.ms);
    case 'uniform':
      return spec.minMs + random.next() * (spec.maxMs - spec.minMs);
    case 'lognormal': {
      // Box–Muller: a standard normal from two uniforms.
      const u = 1 - random.next();
      const v = random.next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return spec.medianMs * Math.exp(spec.sigma * z);
    }
  }
}

/** Counts requests per cell tag and overall, so scripted faults can be laid on them. */
export class FaultCounters {
  private scriptPosition = 0;
  private readonly perCell = new Map<string, number>();

  reset(): void {
    this.scriptPosition = 0;
    this.perCell.clear();
  }

  /** Scripted per-cell fault → scripted global fault → a fault drawn at the configured rates. */
  pick(spec: FaultSpec, tag: string | null, random: Random): FaultKind {
    if (spec.perCell && tag !== null) {
      const attempt = this.perCell.get(tag) ?? 0;
      this.perCell.set(tag, attempt + 1);
      const scripted = spec.perCell[attempt];
      if (scripted !== undefined) return scripted;
    }
    if (spec.script) {
      const scripted = spec.script[this.scriptPosition++];
      if (scripted !== undefined) return scripted;
    }
    if (spec.rates) {
      let draw = random.next();
      for (const [kind, rate] of Object.entries(spec.rates) as [FaultKind, number][]) {
        if (draw < rate) return kind;
        draw -= rate;
      }
    }
    return 'ok';
  }
}
