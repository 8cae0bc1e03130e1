/**
 * A run's cells and effective scores (human overrides applied) gathered once, for the
 * summary, breakdowns, comparisons and decisions.
 */
import { notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import type { ResponseTiming } from '../../stats/latency';
import { ScoringRepo, type EffectiveScoreRow, type RunRecord, type ScoringCellRow } from '../repo';
import { readScoringSections, resolveScorers } from '../specs';
import type { CriterionSpec } from '../../suites/schema';
import type { ScorerValueType } from '../types';

export interface ScorerInfo {
  key: string;
  type: string;
  version: string;
  configHash: string;
  valueType: ScorerValueType;
}

export interface CellRecord {
  row: ScoringCellRow;
  tags: string[];
  timing: ResponseTiming;
}

export interface RunData {
  run: RunRecord;
  suiteName: string;
  scorers: ScorerInfo[];
  criteria: CriterionSpec[];
  cells: CellRecord[];
  /** scorer key → cell id → effective score. */
  scores: Map<string, Map<string, EffectiveScoreRow>>;
  overridesUsed: number;
}

function timingOf(row: ScoringCellRow): ResponseTiming {
  const started = row.started_at ? Date.parse(row.started_at) : NaN;
  const ended = row.created_at ? Date.parse(row.created_at) : NaN;
  return {
    latencyMs: row.latency_ms,
    tokensPerSecond: row.tokens_per_second,
    costUsd: row.cost_usd,
    isCached: row.is_cached === 1,
    isColdStart: row.is_cold_start === 1,
    isError: row.has_response === 1 && row.output === null,
    startedAtMs: Number.isFinite(started) ? started : null,
    endedAtMs: Number.isFinite(ended) ? ended : null,
  };
}

export function loadRunData(ctx: Pick<CoreContext, 'db'>, runId: string): RunData {
  const repo = new ScoringRepo(ctx.db);
  const run = repo.run(runId);
  if (!run) throw notFound('run', runId);
  const suite = repo.suite(run.suite_id);
  const read = suite
    ? readScoringSections(suite.yaml, suite.source_path ?? `${suite.name}.yaml`)
    : null;
  const sections = read?.ok
    ? read.sections
    : { suiteName: suite?.name ?? 'suite', scorers: [], criteria: [] };
  const resolved = resolveScorers(sections.scorers, () => undefined);
  const tags = repo.itemTags(runId);
  const cells = repo
    .cells(runId)
    .map((row) => ({ row, tags: tags.get(row.item_id) ?? [], timing: timingOf(row) }));
  const scores = new Map<string, Map<string, EffectiveScoreRow>>();
  let overridesUsed = 0;
  for (const score of repo.effectiveScores(runId)) {
    const byCell = scores.get(score.scorer_key) ?? new Map<string, EffectiveScoreRow>();
    byCell.set(score.cell_id, score);
    scores.set(score.scorer_key, byCell);
    if (score.is_overridden) overridesUsed++;
  }
  const scorers = resolved.map((r) => ({
    key: r.key,
    type: r.definition.id,
    version: r.definition.version,
    configHash: r.configHash,
    valueType: r.valueType,
  }));
  return {
    run,
    suiteName: sections.suiteName,
    scorers,
    criteria: sections.criteria,
    cells,
    scores,
    overridesUsed,
  };
}

export function modelKeys(data: RunData): string[] {
  return [...new Set(data.cells.map((c) => c.row.model_key))].sort();
}

/** JSON has no NaN: anything not finite becomes null. */
export function num(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}
