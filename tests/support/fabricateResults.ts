/**
 * A finished, scored run of three models over a categorised dataset, for the results overview,
 * decision and report tests: `small` is cheap and often wrong, `medium` in between, `large`
 * dear and nearly always right, with distinct latency profiles, a few errors and criteria.
 */
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { fabricateRun, type FabricatedCell, type FabricatedItem } from './fabricateRun';

const categories = ['billing', 'shipping', 'returns', 'rare'];

export const resultsItems: FabricatedItem[] = Array.from({ length: 90 }, (_, i) => ({
  key: `q${String(i).padStart(3, '0')}`,
  input: `Which department handles ticket ${i}?`,
  reference: `answer ${i % 7}`,
  // "rare" holds only a handful of items, to exercise the small-sample warning.
  category: i % 30 === 0 ? 'rare' : (categories[i % 3] as string),
}));

export const resultsSuiteYaml = `version: 1
name: support triage
dataset: { name: tickets }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: small, provider: openai, model: small-1 }
  - { id: medium, provider: openai, model: medium-1 }
  - { id: large, provider: openai, model: large-1 }
scorers:
  - { id: answer, type: exact-match }
  - { id: overlap, type: token-f1 }
criteria:
  - metric: answer.pass_rate
    acceptable: { min: 0.6 }
    ideal: { min: 0.85 }
    weight: 3
    gate: true
  - metric: latency.p95_ms
    acceptable: { max: 2000 }
    ideal: { max: 800 }
    weight: 1
  - metric: cost.per_success_usd
    acceptable: { max: 0.01 }
    weight: 1
`;

interface Profile {
  /** Item i is answered wrongly. */
  wrong: (i: number) => boolean;
  /** Item i fails with a provider error. */
  fails: (i: number) => boolean;
  latency: (i: number) => number;
  cost: number;
}

const profiles: Record<string, Profile> = {
  small: {
    wrong: (i) => i % 3 === 0,
    fails: (i) => i % 45 === 7,
    latency: (i) => 120 + ((i * 37) % 90),
    cost: 0.0004,
  },
  medium: {
    wrong: (i) => i % 6 === 0,
    fails: () => false,
    latency: (i) => 300 + ((i * 53) % 400),
    cost: 0.002,
  },
  large: {
    wrong: (i) => i % 30 === 1,
    fails: (i) => i === 11,
    latency: (i) => 700 + ((i * 71) % 1500),
    cost: 0.009,
  },
  /** As wrong as `small` at many times its price: dominated on cost and quality. */
  pricey: {
    wrong: (i) => i % 3 === 0,
    fails: (i) => i % 45 === 7,
    latency: (i) => 400 + ((i * 29) % 200),
    cost: 0.004,
  },
};

function cellsOf(modelKey: string, profile: Profile): FabricatedCell[] {
  return resultsItems.map((item, i) =>
    profile.fails(i)
      ? { itemKey: item.key, modelKey, errorClass: 'server_error' }
      : {
          itemKey: item.key,
          modelKey,
          output: profile.wrong(i) ? `answer ${(i + 1) % 7} maybe` : (item.reference as string),
          latencyMs: profile.latency(i),
          ttftMs: Math.round(profile.latency(i) / 4),
          costUsd: profile.cost,
          inputTokens: 20,
          outputTokens: 4,
        },
  );
}

/** Writes and scores the run (deterministic scorers only: no network). */
export async function fabricateResultsRun(
  core: Core,
  options: { runName?: string; startedAtMs?: number; models?: string[] } = {},
): Promise<string> {
  const models = options.models ?? ['small', 'medium', 'large'];
  const run = fabricateRun(core, {
    datasetName: 'tickets',
    items: resultsItems,
    suiteYaml: resultsSuiteYaml,
    runName: options.runName ?? 'triage run',
    ...(options.startedAtMs === undefined ? {} : { startedAtMs: options.startedAtMs }),
    cells: models.flatMap((m) => cellsOf(m, profiles[m] as Profile)),
  });
  await scoreRun(core.context, run.runId);
  return run.runId;
}
