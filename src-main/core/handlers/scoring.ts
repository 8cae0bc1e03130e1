import type { scoringRoutes } from '@contract/routes/scoring';
import { ApiError, notFound } from '../apiError';
import { decisionFromRow, evaluateDecision, storeDecision } from '../decisions/decide';
import { compareRuns } from '../scoring/analysis/compare';
import { loadRunData, modelKeys } from '../scoring/analysis/runData';
import { groupEstimates } from '../scoring/analysis/groupEstimates';
import { modelScores } from '../scoring/analysis/itemScores';
import { summarizeRun } from '../scoring/analysis/summary';
import { scheduleScoring, scorerMetadata, scorerRegistry } from '../scoring/index';
import { ScoringRepo } from '../scoring/repo';
import {
  sampleSizePairedMeans,
  sampleSizePairedProportions,
  sampleSizeTwoProportions,
} from '../stats/power';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import type { HandlersFor } from './types';

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const bool = (v: number | null) => (v === null ? null : v === 1);

export const scoringHandlers = {
  'scoring.scorers': () => scorerRegistry.list().map(scorerMetadata),
  'scoring.score': ({ runId, force, only }, ctx) => {
    if (!new ScoringRepo(ctx.db).run(runId)) throw notFound('run', runId);
    const { jobId, result } = scheduleScoring(ctx, runId, { force, ...(only ? { only } : {}) });
    result.catch(() => undefined);
    return { jobId };
  },
  'scoring.summary': ({ runId, confidenceLevel }, ctx) => summarizeRun(ctx, runId, confidenceLevel),
  'scoring.breakdown': ({ runId, scorerKey, by }, ctx) => {
    const data = loadRunData(ctx, runId);
    const scorer = data.scorers.find((s) => s.key === scorerKey);
    if (!scorer) throw new ApiError('bad_request', `run ${runId} has no scorer "${scorerKey}"`);
    return modelKeys(data).map((modelKey) => ({
      modelKey,
      groups: groupEstimates(
        modelScores(data, scorerKey, modelKey).items,
        by,
        scorer.valueType === 'binary',
        0.95,
        `${runId}:${scorerKey}:${modelKey}`,
      ),
    }));
  },
  'scoring.compare': (input, ctx) => compareRuns(ctx, input),
  'scoring.cellScores': ({ cellId }, ctx) => {
    const repo = new ScoringRepo(ctx.db);
    if (repo.isCellBeingDeleted(cellId)) throw notFound('cell', cellId);
    return repo.scoresOfCell(cellId).map((s) => ({
      scoreId: s.score_id,
      scorerKey: s.scorer_key,
      scorerType: s.scorer_id,
      scorerVersion: s.scorer_version,
      value: s.value,
      isPass: bool(s.is_pass),
      automatedValue: s.automated_value,
      automatedIsPass: bool(s.automated_is_pass),
      isOverridden: s.is_overridden === 1,
      error: s.error,
      costUsd: s.cost_usd,
      details: parseDetails(s.details),
      overrides: repo.overrides(s.score_id).map((o) => ({
        id: o.id,
        rater: o.rater,
        value: o.value,
        isPass: bool(o.is_pass),
        reason: o.reason,
        createdAt: o.created_at,
      })),
    }));
  },
  'scoring.override': ({ scoreId, rater, value, isPass, reason }, ctx) => {
    const repo = new ScoringRepo(ctx.db);
    if (!repo.scoreExists(scoreId)) throw notFound('score', String(scoreId));
    if ((value === undefined || value === null) && (isPass === undefined || isPass === null)) {
      throw new ApiError('bad_request', 'an override needs a value or a pass/fail');
    }
    const at = nowIso();
    const overrideId = ctx.db.transaction(() => {
      const raterId = repo.raterId(rater, () => newId('rater'), at);
      return repo.addOverride({
        scoreId,
        raterId,
        value: value ?? null,
        isPass: isPass ?? null,
        reason,
        createdAt: at,
      });
    });
    ctx.events.emit('workspace.changed', {
      domain: 'scoring',
      reason: `score ${scoreId} overridden by ${rater}`,
    });
    return { overrideId };
  },
  'scoring.decide': (input, ctx) => {
    const decision = storeDecision(ctx, evaluateDecision(ctx, input));
    ctx.events.emit('scoring.decided', {
      runId: decision.runId,
      decisionId: decision.id,
      verdict: decision.verdict,
    });
    return decision;
  },
  'scoring.decisions': ({ runId }, ctx) => {
    const repo = new ScoringRepo(ctx.db);
    if (!repo.run(runId)) throw notFound('run', runId);
    return repo.decisions(runId).map(decisionFromRow);
  },
  'scoring.sampleSize': (input) => {
    try {
      if (input.design === 'paired-proportions')
        return {
          items: sampleSizePairedProportions(input),
          formula: 'Connor (1987), paired proportions (McNemar)',
        };
      if (input.design === 'two-proportions')
        return {
          items: sampleSizeTwoProportions(input),
          formula: 'Fleiss, Levin & Paik (2003) eq. 4.14, per group',
        };
      return {
        items: sampleSizePairedMeans(input),
        formula: 'normal approximation for paired means',
      };
    } catch (error) {
      throw new ApiError('bad_request', (error as Error).message);
    }
  },
} satisfies HandlersFor<typeof scoringRoutes>;
