import { afterEach } from 'vitest';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import type { Core } from '@core/host';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

/** A frozen dataset of `n` synthetic items (keys i0000…), each with a category and metadata. */
export function writeDataset(core: Core, name: string, n: number) {
  const { db, repos } = core.context;
  return writeFrozenVersion(db, repos.datasets, {
    datasetName: name,
    source: { kind: 'test' },
    items: Array.from({ length: n }, (_, i) => ({
      key: `i${String(i).padStart(4, '0')}`,
      input: `question number ${i}`,
      reference: `answer ${i}`,
      category: `c${i % 3}`,
      groupId: null,
      metadata: { topic: `t${i % 5}` },
    })),
  });
}

export interface SuiteOptions {
  dataset: string;
  baseUrl: string;
  models?: string[];
  prompts?: number;
  repeats?: number;
  concurrency?: number;
  retries?: number;
  timeoutMs?: number;
  stream?: boolean;
  extraRun?: string;
  /** Replaces the default `params:` block. */
  params?: string;
}

/** A suite sending every item to OpenAI-compatible models served by the simulator. */
export function simSuite(options: SuiteOptions): string {
  const models = options.models ?? ['sim-a'];
  const prompts = Array.from({ length: options.prompts ?? 1 }, (_, p) => p);
  return `version: 1
name: sim-suite
dataset:
  name: ${options.dataset}
prompts:
${prompts
  .map(
    (p) => `  - id: p${p}
    messages:
      - role: system
        content: "variant ${p}: answer briefly"
      - role: user
        content: "{{input}} ({{metadata.topic}})"`,
  )
  .join('\n')}
models:
${models
  .map(
    (m) => `  - id: ${m}
    provider: openai-compatible
    base_url: ${options.baseUrl}/v1
    model: ${m}`,
  )
  .join('\n')}
${options.params ?? 'params:\n  temperature: 0\n  max_tokens: 32'}
repeats: ${options.repeats ?? 1}
run:
  concurrency: ${options.concurrency ?? 8}
  retries: ${options.retries ?? 3}
  timeout_ms: ${options.timeoutMs ?? 10000}
  stream: ${options.stream ?? true}
${options.extraRun ?? ''}
`;
}

/**
 * A provider simulator and a core on a fresh temporary workspace for each test, both closed
 * after it (the core first). Call inside a `describe` block; the returned function opens them.
 */
export function useSimulatedWorkspace() {
  const tempDir = useTempDir();
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of open.splice(0).reverse()) await closable.close();
  });
  return async (options: SimulatorOptions): Promise<{ sim: Simulator; core: Core }> => {
    const sim = await startSimulator(options);
    open.push(sim);
    const core = openTestCore(tempDir());
    open.push(core);
    return { sim, core };
  };
}
