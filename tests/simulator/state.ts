/** The simulator's mutable state: configuration, seeded randomness, fault counters, the log. */
import { createRandom, type Random } from '../../src-main/core/stats/random';
import { FaultCounters } from './behaviour';
import type { Exchange } from './exchange';
import type { SimLogEntry, SimulatorConfig } from './types';

export class SimState {
  config: SimulatorConfig;
  random: Random;
  entries: SimLogEntry[] = [];
  seq = 0;
  readonly counters = new FaultCounters();
  /** Requests in flight, so `close()` can cancel their timers. */
  readonly active = new Set<Exchange>();

  constructor(initial: SimulatorConfig) {
    this.config = { ...initial };
    this.random = createRandom(initial.seed ?? 1);
  }

  /** Merges a patch; new faults or per-model behaviour restart the fault scripts. */
  setConfig(patch: SimulatorConfig): void {
    this.config = { ...this.config, ...patch };
    if (patch.seed !== undefined) this.random = createRandom(patch.seed);
    if (patch.faults !== undefined || patch.models !== undefined) this.counters.reset();
  }

  record(entry: SimLogEntry): void {
    this.entries.push(entry);
    const limit = this.config.logLimit ?? 1_000_000;
    // Trim in batches so a full log costs one copy per 10 % of its size, not one per request.
    if (this.entries.length > limit * 1.1) this.entries = this.entries.slice(-limit);
  }

  clearLog(): void {
    this.entries = [];
    this.counters.reset();
  }
}
