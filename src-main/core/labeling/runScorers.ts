/**
 * What sessions and calibration read of a run's scoring: the suite's resolved scorers (type,
 * parameters) and the stored scores by cell, through the scoring domain's own functions.
 */
import { ScoringRepo, type EffectiveScoreRow } from '../scoring/repo';
import { readScoringSections, resolveScorers, type ResolvedScorer } from '../scoring/specs';
import type { CoreContext } from '../context';

/** The run's scorers as its suite declares them; an unreadable suite gives none. */
export function runScorers(ctx: CoreContext, runId: string): Map<string, ResolvedScorer> {
  const repo = new ScoringRepo(ctx.db);
  const run = repo.run(runId);
  const suite = run ? repo.suite(run.suite_id) : undefined;
  if (!suite) return new Map();
  const read = readScoringSections(suite.yaml, suite.source_path ?? `${suite.name}.yaml`);
  if (!read.ok) return new Map();
  const resolved = resolveScorers(read.sections.scorers, () => undefined);
  return new Map(resolved.map((r) => [r.key, r]));
}

/** Every stored score of a run (overrides applied), by cell id then scorer key. */
export function scoresByCell(
  ctx: CoreContext,
  runId: string,
): Map<string, Map<string, EffectiveScoreRow>> {
  const byCell = new Map<string, Map<string, EffectiveScoreRow>>();
  for (const row of new ScoringRepo(ctx.db).effectiveScores(runId)) {
    let scores = byCell.get(row.cell_id);
    if (!scores) byCell.set(row.cell_id, (scores = new Map<string, EffectiveScoreRow>()));
    scores.set(row.scorer_key, row);
  }
  return byCell;
}

export function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function isJudgeScorer(scorerId: string): boolean {
  return scorerId === 'judge-rubric' || scorerId === 'judge-pairwise';
}
