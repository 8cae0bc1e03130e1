import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '@core/host';
import { VersionDraft, writeFrozenVersion } from '@core/datasets/versionWriter';
import { runManager } from '@core/runner/runManager';
import { scheduleScoring } from '@core/scoring';
import { sql } from '@core/db/sql';
import { call, openTestCore, sharedDir } from '../../support/core';

/** The first `n` GSM8K test problems (real data from ../shared/data), keyed gsm8k-<i>. */
export function gsm8kItems(n: number) {
  return readFileSync(join(sharedDir, 'data', 'gsm8k', 'test.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, n)
    .map((line, i) => {
      const p = JSON.parse(line) as { question: string; answer: string };
      return {
        key: `gsm8k-${i}`,
        input: p.question,
        reference: p.answer.split('####').at(-1)?.trim() ?? null,
        category: i % 2 === 0 ? 'even' : 'odd',
        groupId: null,
      };
    });
}

/**
 * Two models and two prompts on a configured provider "sim" (the simulator, its key by secret
 * name), two scorers, a fixed shuffle seed. `variant` changes a prompt: another suite hash.
 */
export function mergeSuite(variant = ''): string {
  return `version: 1
name: merge-suite
dataset:
  name: gsm8k
prompts:
  - id: terse
    messages:
      - role: user
        content: "Answer with a number only${variant}: {{input}}"
  - id: steps
    messages:
      - role: system
        content: "Think step by step."
      - role: user
        content: "{{input}}"
models:
  - { id: alpha, provider: sim, model: sim-alpha }
  - { id: beta, provider: sim, model: sim-beta }
params:
  temperature: 0
  max_tokens: 32
scorers:
  - { id: answer, type: exact-match }
  - { id: overlap, type: token-f1 }
run:
  concurrency: 8
  shuffle_seed: 4242
`;
}

export const shardSecret = 'sk-shard-only-secret-0123456789';

/** A workspace in `dir` with the GSM8K items, the "sim" provider and its key. */
export async function openShardWorkspace(dir: string, simUrl: string, items: number) {
  const core = openTestCore(dir);
  writeFrozenVersion(core.context.db, core.context.repos.datasets, {
    datasetName: 'gsm8k',
    source: { kind: 'test' },
    items: gsm8kItems(items),
  });
  await call(core, 'secrets.set', { name: 'SIM_KEY', value: shardSecret });
  await call(core, 'providers.add', {
    kind: 'openai-compatible',
    label: 'sim',
    config: { baseUrl: `${simUrl}/v1`, apiKeySecret: 'SIM_KEY' },
  });
  return core;
}

/**
 * A shard workspace whose dataset version is large (`items` items: the GSM8K problems over and
 * over, each with its own key and text) while its two shard runs are small (the suite's
 * `dataset.limit`, planned, not run): a merge into a new target spends its time copying the
 * version. Returns the workspace folder.
 */
export async function largeVersionShardWorkspace(dir: string, items: number, limit = 12) {
  const core = await openShardWorkspace(dir, 'http://127.0.0.1:9', 1);
  const problems = gsm8kItems(1000);
  const draft = VersionDraft.open(core.context.db, core.context.repos.datasets, {
    datasetName: 'gsm8k',
    source: { kind: 'test' },
  });
  for (let from = 0; from < items; from += 5000) {
    const batch = [];
    for (let i = from; i < Math.min(items, from + 5000); i++) {
      const problem = problems[i % problems.length] as (typeof problems)[number];
      batch.push({ ...problem, key: `item-${i}`, input: `${problem.input} (#${i})` });
    }
    draft.addBatch(batch);
  }
  draft.freeze();
  const suite = mergeSuite().replace('  name: gsm8k\n', `  name: gsm8k\n  limit: ${limit}\n`);
  for (const index of [1, 2]) await runShard(core, suite, { index, count: 2 }, false);
  await core.close();
  return join(dir, 'workspace');
}

/** Plans shard `index`/`count` of the suite and, when `execute`, runs and scores it. */
export async function runShard(
  core: Core,
  suite: string,
  shard: { index: number; count: number } | null,
  execute: boolean,
): Promise<string> {
  const manager = runManager(core.context);
  const planned = manager.plan(suite, 'suite.yaml', { shard });
  if (!execute) return planned.runId;
  const outcome = await manager.execute(planned.runId).done;
  if (outcome.status !== 'completed') throw new Error(`shard run ended ${outcome.status}`);
  await scheduleScoring(core.context, planned.runId).result;
  return planned.runId;
}

/** A cell's identity in any workspace: item key, prompt, model, repeat. */
export interface CellFacts {
  key: string;
  status: string;
  ordinal: number;
  output: string | null;
  requestHash: string | null;
  latencyMs: number | null;
  inputTokens: number | null;
  scores: string;
}

/** Every cell of a run with its response and scores, keyed `item|prompt|model|repeat`. */
export function cellFacts(core: Core, runId: string): Map<string, CellFacts> {
  const rows = core.context.db.all<{
    key: string;
    status: string;
    ordinal: number;
    output: string | null;
    request_hash: string | null;
    latency_ms: number | null;
    input_tokens: number | null;
    scores: string | null;
  }>(sql`SELECT i.item_key || '|' || c.prompt_key || '|' || c.model_key || '|' || c.repeat AS key,
      c.status, c.ordinal, r.output, r.request_hash, r.latency_ms, r.input_tokens,
      (SELECT group_concat(s.scorer_key || '=' || COALESCE(s.value, 'null') || '/' || COALESCE(s.is_pass, 'null'), ';')
        FROM (SELECT * FROM scores WHERE cell_id = c.id ORDER BY scorer_key) s) AS scores
    FROM cells c JOIN items i ON i.id = c.item_id LEFT JOIN responses r ON r.cell_id = c.id
    WHERE c.run_id = ${runId}`);
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        status: r.status,
        ordinal: r.ordinal,
        output: r.output,
        requestHash: r.request_hash,
        latencyMs: r.latency_ms,
        inputTokens: r.input_tokens,
        scores: r.scores ?? '',
      },
    ]),
  );
}

const tables = [
  'runs',
  'run_models',
  'run_prompts',
  'cells',
  'responses',
  'scores',
  'score_overrides',
  'raters',
  'failure_modes',
  'cell_failure_modes',
  'response_cache',
  'datasets',
  'dataset_versions',
  'items',
  'item_tags',
  'pii_scans',
  'pii_findings',
  'suites',
  'prompt_templates',
  'providers',
  'secrets',
] as const;

/** Row counts of every table a merge could write: equal snapshots = the target is unchanged. */
export function tableCounts(core: Core): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of tables)
    out[table] = (
      core.context.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }
    ).n;
  return out;
}

/** sha256 of a file's bytes (a source workspace must be byte-for-byte untouched). */
export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
