import type { z } from 'zod';

/**
 * The scorer contract. A scorer turns one response (or a group, or a pair) into a score;
 * adding one = one file exporting `defineScorer({...})` + one line in `registry.ts`.
 */

export type ScorerValueType = 'binary' | 'continuous' | 'ordinal';

/**
 * Where a scorer runs: `pool` — pure CPU work in the scoring worker pool (no I/O but its own
 * subprocess or sandbox); `main` — needs providers (LLM judges, embeddings) and runs on the main
 * thread with bounded concurrency.
 */
export type ScorerExecution = 'pool' | 'main';

/** What a scorer sees of one cell. */
export interface ScoreInput {
  cellId: string;
  itemKey: string;
  /** The text being scored: the response, or the suite's `field` extracted from its JSON. */
  output: string;
  /** The whole response text. */
  rawOutput: string;
  /** True when the response was an error (the scorer sees an empty output). */
  hasNoResponse: boolean;
  input: string;
  reference: string | null;
  category: string | null;
  groupId: string | null;
  metadata: Record<string, unknown>;
  modelKey: string;
  promptKey: string;
  repeat: number;
}

export interface ScoreResult {
  /** binary: 1 or 0; continuous/ordinal: the score. null when the scorer could not score. */
  value: number | null;
  isPass: boolean | null;
  /** Why, in a form a person can read: extracted answers, judge reasoning, test output. */
  details: Record<string, unknown>;
  /** What scoring cost (LLM judges), counted apart from the run's own cost. */
  costUsd?: number | null;
  /** Set when scoring itself failed for this cell (not when the model was wrong). */
  error?: string | null;
}

/** Services available to main-thread scorers (judges, embeddings). */
export interface ScorerRuntime {
  signal: AbortSignal;
  /** A seed derived from the run, for anything sampled. */
  seed: string;
  complete?: JudgeCompletion;
  embed?: (request: {
    provider: string;
    model: string;
    base_url?: string | undefined;
    config?: Record<string, unknown> | undefined;
    inputs: string[];
    signal: AbortSignal;
  }) => Promise<number[][]>;
}

/** One judge call: the provider + model named in the scorer's params, a prompt, and usage back. */
export type JudgeCompletion = (request: {
  judge: {
    provider: string;
    model: string;
    base_url?: string | undefined;
    config?: Record<string, unknown> | undefined;
  };
  system: string;
  user: string;
  maxTokens: number;
  signal: AbortSignal;
}) => Promise<{
  text: string;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}>;

interface ScorerBase<P> {
  /** Exact registry id, as written in a suite's `type`. */
  id: string;
  /** Bumped whenever the same params could score differently; stored with every score. */
  version: string;
  label: string;
  description: string;
  family: 'deterministic' | 'similarity' | 'code' | 'judge' | 'consistency' | 'custom';
  paramsSchema: z.ZodType<P>;
  valueType: ScorerValueType | ((params: P) => ScorerValueType);
  execution: ScorerExecution;
}

/** Scores each cell on its own. */
export interface CellScorer<P = unknown> extends ScorerBase<P> {
  scope: 'cell';
  score(input: ScoreInput, params: P, runtime: ScorerRuntime): ScoreResult | Promise<ScoreResult>;
}

/** Scores the cells of one group together (e.g. consistency across paraphrases or repeats). */
export interface GroupScorer<P = unknown> extends ScorerBase<P> {
  scope: 'group';
  /** The key that forms groups, from the params. */
  groupKey(input: ScoreInput, params: P): string | null;
  scoreGroup(members: readonly ScoreInput[], params: P, peerScores: PeerScores): ScoreResult[];
}

/** Scores a cell against the matching cell of a baseline model (pairwise judges). */
export interface PairScorer<P = unknown> extends ScorerBase<P> {
  scope: 'pair';
  baselineModel(params: P): string;
  scorePair(
    candidate: ScoreInput,
    baseline: ScoreInput,
    params: P,
    runtime: ScorerRuntime,
  ): Promise<ScoreResult>;
}

/** Scores of other scorers already stored for the same cells, by scorer key then cell id. */
export type PeerScores = ReadonlyMap<
  string,
  ReadonlyMap<string, { value: number | null; isPass: boolean | null }>
>;

export type ScorerDefinition<P = unknown> = CellScorer<P> | GroupScorer<P> | PairScorer<P>;

/** Declares a scorer; the identity function keeps the params type for inference. */
export function defineScorer<P>(definition: ScorerDefinition<P>): ScorerDefinition<P> {
  return definition;
}

export function valueTypeOf<P>(definition: ScorerDefinition<P>, params: P): ScorerValueType {
  return typeof definition.valueType === 'function'
    ? definition.valueType(params)
    : definition.valueType;
}

export function passFail(isPass: boolean, details: Record<string, unknown> = {}): ScoreResult {
  return { value: isPass ? 1 : 0, isPass, details };
}
