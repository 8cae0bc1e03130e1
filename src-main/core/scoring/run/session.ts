/**
 * State shared by the scoring of one run: the cells, progress, cancellation, and the single
 * writer that stores results in batched transactions as they arrive.
 */
import { throwIfCancelled } from '../../jobs/jobManager';
import { nowIso } from '../../util/time';
import { baseInput } from '../inputs';
import type { ScoringCellRow, ScoringRepo } from '../repo';
import type { ResolvedScorer } from '../specs';
import type { ScoreInput, ScoreResult } from '../types';

export interface ScorerOutcome {
  key: string;
  type: string;
  version: string;
  configHash: string;
  /** Cells scored in this pass. */
  scored: number;
  /** Cells whose stored score already had this config (not scored again). */
  upToDate: number;
  /** Scores that carry an error (the scorer could not score the cell). */
  errors: number;
  /** What judging cost in this pass (LLM judges), apart from the run's own cost. */
  costUsd: number;
  /** Budget decisions and other notes a person should see. */
  notes: string[];
}

export class ScoringSession {
  readonly inputs: ScoreInput[];
  done = 0;
  total = 0;

  constructor(
    readonly runId: string,
    readonly repo: ScoringRepo,
    readonly rows: readonly ScoringCellRow[],
    readonly signal: AbortSignal,
    private readonly onProgress: (done: number, total: number, message?: string) => void,
    readonly force: boolean,
  ) {
    this.inputs = rows.map(baseInput);
  }

  /** Cells of this run that have a response (done or error) and so can be scored. */
  answered(): ScoreInput[] {
    return this.inputs.filter((_, i) => (this.rows[i] as ScoringCellRow).has_response === 1);
  }

  /** The cells whose stored score is missing or was made with another config. */
  needsScoring(
    scorer: ResolvedScorer,
    cells: readonly ScoreInput[],
  ): { todo: ScoreInput[]; upToDate: number } {
    if (this.force) return { todo: [...cells], upToDate: 0 };
    const stored = this.repo.storedConfigHashes(this.runId, scorer.key);
    const todo = cells.filter((c) => stored.get(c.cellId) !== scorer.configHash);
    return { todo, upToDate: cells.length - todo.length };
  }

  checkCancelled(): void {
    throwIfCancelled(this.signal);
  }

  /** Stores one batch of results for one scorer (one transaction) and advances progress. */
  write(
    scorer: ResolvedScorer,
    outcome: ScorerOutcome,
    cells: readonly ScoreInput[],
    results: readonly ScoreResult[],
    extraDetails?: Record<string, unknown>,
  ): void {
    const createdAt = nowIso();
    this.repo.writeScores(
      cells.map((cell, i) => {
        const r = results[i] as ScoreResult;
        if (r.error) outcome.errors++;
        if (r.costUsd) outcome.costUsd += r.costUsd;
        return {
          cellId: cell.cellId,
          scorerKey: scorer.key,
          scorerId: scorer.definition.id,
          scorerVersion: scorer.definition.version,
          configHash: scorer.configHash,
          value: r.value !== null && Number.isFinite(r.value) ? r.value : null,
          isPass: r.isPass,
          details: JSON.stringify(extraDetails ? { ...r.details, ...extraDetails } : r.details),
          costUsd: r.costUsd ?? null,
          error: r.error ?? null,
          createdAt,
        };
      }),
    );
    outcome.scored += cells.length;
    this.done += cells.length;
    this.onProgress(this.done, this.total, `${scorer.key}: ${outcome.scored} scored`);
  }
}

export function emptyOutcome(scorer: ResolvedScorer, upToDate: number): ScorerOutcome {
  return {
    key: scorer.key,
    type: scorer.definition.id,
    version: scorer.definition.version,
    configHash: scorer.configHash,
    scored: 0,
    upToDate,
    errors: 0,
    costUsd: 0,
    notes: [],
  };
}
