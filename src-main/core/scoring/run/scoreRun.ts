/**
 * Scores a run: reads the suite's scorers, skips cells whose stored score already has the same
 * config, runs pool scorers in the worker threads, main-thread scorers (judges, embeddings)
 * with bounded concurrency, then group and pair scorers, and writes every result as it comes.
 * Resumable: a cancelled or crashed pass keeps what it stored, and the next pass only does the
 * rest.
 */
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import { judgeCompletion, type JudgeProviderResolver } from '../judges/client';
import { ScoringRepo } from '../repo';
import { readScoringSections, resolveScorers, type ResolvedScorer } from '../specs';
import type { JudgeCompletion, ScorerRuntime } from '../types';
import { scoreGroups } from './groupScoring';
import { scoreOnMain, scorePairs } from './mainScoring';
import { scoreInPool } from './poolScoring';
import { emptyOutcome, ScoringSession, type ScorerOutcome } from './session';
import { defaultJudgeProviders } from './providers';

export interface ScoreRunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | null, message?: string) => void;
  /** Score again even where the stored score has the same config. */
  force?: boolean;
  /** Only these scorer ids of the suite. */
  only?: readonly string[];
  /** How judge providers are reached (default: the provider registry). */
  judgeProviders?: JudgeProviderResolver;
  /** A judge transport to use instead of provider adapters. */
  judge?: JudgeCompletion;
}

export interface ScoreRunResult {
  runId: string;
  cells: number;
  scorers: ScorerOutcome[];
  durationMs: number;
}

function loadScorers(
  repo: ScoringRepo,
  runId: string,
): { scorers: ResolvedScorer[]; suiteName: string } {
  const run = repo.run(runId);
  if (!run) throw notFound('run', runId);
  const suite = repo.suite(run.suite_id);
  if (!suite) throw notFound('suite', run.suite_id);
  const file = suite.source_path ?? `${suite.name}.yaml`;
  const read = readScoringSections(suite.yaml, file);
  if (!read.ok)
    throw new ApiError(
      'bad_request',
      `the suite ${file} cannot be scored`,
      read.issues.map((i) => ({
        path: i.path,
        message: `${i.file}:${i.line}:${i.column}: ${i.message}`,
      })),
    );
  const issues: Array<{ path: string; message: string }> = [];
  const scorers = resolveScorers(read.sections.scorers, (path, message) => {
    const at = read.source.issueAt(path, message);
    issues.push({ path: at.path, message: `${at.file}:${at.line}:${at.column}: ${message}` });
  });
  if (issues.length)
    throw new ApiError('bad_request', `the scorers of ${file} are invalid`, issues);
  return { scorers, suiteName: read.sections.suiteName };
}

/** Cell scorers first (pool, then main thread), then pairs, then groups (they may read peers). */
function stage(scorer: ResolvedScorer): number {
  const d = scorer.definition;
  if (d.scope === 'cell') return d.execution === 'pool' ? 0 : 1;
  return d.scope === 'pair' ? 2 : 3;
}

export async function scoreRun(
  ctx: CoreContext,
  runId: string,
  options: ScoreRunOptions = {},
): Promise<ScoreRunResult> {
  const started = performance.now();
  const repo = new ScoringRepo(ctx.db);
  const { scorers: all } = loadScorers(repo, runId);
  const scorers = all
    .filter((s) => !options.only || options.only.includes(s.key))
    .sort((a, b) => stage(a) - stage(b));
  if (!options.only)
    repo.deleteScorerKeysExcept(
      runId,
      all.map((s) => s.key),
    );
  const signal = options.signal ?? new AbortController().signal;
  const session = new ScoringSession(
    runId,
    repo,
    repo.cells(runId),
    signal,
    (done, total, message) => options.onProgress?.(done, total, message),
    options.force ?? false,
  );
  const answered = session.answered();
  const plans = scorers.map((scorer) => ({ scorer, ...session.needsScoring(scorer, answered) }));
  session.total = plans.reduce(
    (sum, p) => sum + (p.scorer.definition.scope === 'group' ? answered.length : p.todo.length),
    0,
  );
  options.onProgress?.(0, session.total, 'scoring');
  const resolver = options.judgeProviders ?? defaultJudgeProviders(ctx);
  const complete = options.judge ?? judgeCompletion(resolver, repo);
  const embed: ScorerRuntime['embed'] = async (request) => {
    const { adapter } = await resolver(request);
    if (!adapter.embed) throw new Error(`provider "${request.provider}" offers no embeddings`);
    return adapter.embed({ model: request.model, inputs: request.inputs, signal: request.signal });
  };
  const runtime: ScorerRuntime = { signal, seed: runId, complete, embed };
  const outcomes: ScorerOutcome[] = [];
  for (const { scorer, todo, upToDate } of plans) {
    session.checkCancelled();
    const outcome = emptyOutcome(scorer, scorer.definition.scope === 'group' ? 0 : upToDate);
    outcomes.push(outcome);
    const d = scorer.definition;
    if (d.scope === 'group') scoreGroups(session, scorer, answered, outcome);
    else if (d.scope === 'pair') await scorePairs(session, scorer, todo, outcome, runtime);
    else if (d.execution === 'pool') await scoreInPool(ctx, session, scorer, todo, outcome);
    else await scoreOnMain(session, scorer, todo, outcome, runtime);
  }
  return {
    runId,
    cells: answered.length,
    scorers: outcomes,
    durationMs: performance.now() - started,
  };
}
