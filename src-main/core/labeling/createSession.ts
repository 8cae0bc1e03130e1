/**
 * Creating a rating session: the units (one output for pointwise, a pair of outputs for
 * pairwise) are read from the runs, collapsed by content (the same input and output(s) are
 * asked once), sampled, put in a seeded random order, given a randomised A/B position (blind
 * pairs) and a number of required ratings (the overlap share), and written with the session in
 * one transaction.
 */
import type { CreateSessionInput, SessionDetail } from '@contract/routes/labelingSchemas';
import type { z } from 'zod';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { LabelingRepo, SourceCellRow } from '../db/repos/labeling';
import { createRandom, shuffled } from '../stats/random';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import type { SessionConfig } from './config';
import { contentHash, isNonCanonicalPair, schemeHash } from './content';
import { labelingRepo } from './repo';
import { runScorers, scoresByCell } from './runScorers';
import { sampleUnits } from './sampling';
import {
  judgeDisagreementSignal,
  judgeUncertaintySignal,
  modelDisagreementSignals,
} from './signals';
import { sessionDetail } from './summary';

type Input = z.output<typeof CreateSessionInput>;

interface Unit {
  contentHash: string;
  category: string | null;
  signal: number;
  /** The cell, or the canonically first cell of a pair. */
  cellId: string;
  cellBId: string | null;
  cells: SourceCellRow[];
  /** Pairs: the canonical first output is side a's (shown first when not blind). */
  sideAFirst: boolean;
}

const groupKey = (c: SourceCellRow) =>
  `${c.run_id}\u0000${c.item_id}\u0000${c.prompt_key}\u0000${c.repeat}`;

function checkRun(repo: LabelingRepo, runId: string) {
  if (repo.runs([runId]).length === 0) throw notFound('run', runId);
}

function checkModels(repo: LabelingRepo, runId: string, models: readonly string[]) {
  const known = repo.runModels(runId).map((m) => m.model_key);
  const unknown = models.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    throw new ApiError(
      'bad_request',
      `run ${runId} has no model ${unknown.join(', ')}; it has ${known.join(', ')}`,
    );
}

function pointwiseUnits(repo: LabelingRepo, input: Input): Unit[] {
  if (input.runIds.length === 0)
    throw new ApiError('bad_request', 'a pointwise session needs at least one run (runIds)');
  const units: Unit[] = [];
  for (const runId of input.runIds) {
    checkRun(repo, runId);
    if (input.models) checkModels(repo, runId, input.models);
    for (const cell of repo.answeredCells(runId)) {
      if (input.models && !input.models.includes(cell.model_key)) continue;
      units.push({
        contentHash: contentHash('pointwise', cell.input, [cell.output]),
        category: cell.category,
        signal: 0,
        cellId: cell.cell_id,
        cellBId: null,
        cells: [cell],
        sideAFirst: true,
      });
    }
  }
  return units;
}

function pairwiseUnits(repo: LabelingRepo, input: Input): Unit[] {
  const pair = input.pair;
  if (!pair) throw new ApiError('bad_request', 'a pairwise session needs `pair` (sides a and b)');
  if (pair.a.runId === pair.b.runId && pair.a.modelKey === pair.b.modelKey)
    throw new ApiError('bad_request', 'the two sides of a pairwise session must differ');
  for (const side of [pair.a, pair.b]) {
    checkRun(repo, side.runId);
    checkModels(repo, side.runId, [side.modelKey]);
  }
  const key = (c: SourceCellRow) => `${c.item_key}\u0000${c.prompt_key}\u0000${c.repeat}`;
  const sideB = new Map(
    repo
      .answeredCells(pair.b.runId)
      .filter((c) => c.model_key === pair.b.modelKey)
      .map((c) => [key(c), c]),
  );
  const units: Unit[] = [];
  for (const a of repo.answeredCells(pair.a.runId)) {
    if (a.model_key !== pair.a.modelKey) continue;
    const b = sideB.get(key(a));
    // Pairs must judge the same input; identical outputs tie by definition and are not asked.
    if (!b || b.input !== a.input || b.output === a.output) continue;
    const swap = isNonCanonicalPair(a.output, b.output);
    units.push({
      contentHash: contentHash('pairwise', a.input, [a.output, b.output]),
      category: a.category,
      signal: 0,
      cellId: swap ? b.cell_id : a.cell_id,
      cellBId: swap ? a.cell_id : b.cell_id,
      cells: [a, b],
      sideAFirst: !swap,
    });
  }
  return units;
}

function distinctByContent(units: Unit[]): Unit[] {
  const seen = new Set<string>();
  return units.filter((u) => !seen.has(u.contentHash) && seen.add(u.contentHash));
}

function addSignals(ctx: CoreContext, repo: LabelingRepo, units: Unit[], input: Input): void {
  const sampling = input.sampling;
  if (!('factor' in sampling)) return;
  const runIds = [...new Set(units.flatMap((u) => u.cells.map((c) => c.run_id)))];
  const scores = new Map(runIds.map((id) => [id, scoresByCell(ctx, id)]));
  const scoresOf = (c: SourceCellRow) => scores.get(c.run_id)?.get(c.cell_id);
  if (sampling.strategy === 'model-disagreement') {
    const groups = new Map<string, ReturnType<typeof scoresOf>[]>();
    const unitGroup = new Map<Unit, string>();
    for (const unit of units) {
      if (unit.cellBId !== null) {
        groups.set(unit.contentHash, unit.cells.map(scoresOf));
        unitGroup.set(unit, unit.contentHash);
      } else unitGroup.set(unit, groupKey(unit.cells[0] as SourceCellRow));
    }
    for (const runId of runIds)
      for (const cell of repo.answeredCells(runId)) {
        const g = groupKey(cell);
        groups.set(g, [...(groups.get(g) ?? []), scoresOf(cell)]);
      }
    const signals = modelDisagreementSignals(groups, sampling.scorerKeys);
    for (const unit of units) unit.signal = signals.get(unitGroup.get(unit) ?? '') ?? 0;
    return;
  }
  const scorers = new Map(runIds.map((id) => [id, runScorers(ctx, id)]));
  const signalOf =
    sampling.strategy === 'judge-disagreement' ? judgeDisagreementSignal : judgeUncertaintySignal;
  for (const unit of units)
    unit.signal = Math.max(
      ...unit.cells.map((c) =>
        signalOf(scoresOf(c), scorers.get(c.run_id) ?? new Map(), sampling.scorerKeys),
      ),
    );
}

export function createSession(ctx: CoreContext, raw: Input): SessionDetail {
  const input = raw;
  const repo = labelingRepo(ctx);
  const units = distinctByContent(
    input.kind === 'pointwise' ? pointwiseUnits(repo, input) : pairwiseUnits(repo, input),
  );
  if (units.length === 0)
    throw new ApiError(
      'bad_request',
      input.kind === 'pairwise'
        ? 'nothing to rate: the two sides share no item (same input, prompt and repeat) with different answered outputs'
        : 'nothing to rate: the runs have no answered outputs for these models',
    );
  addSignals(ctx, repo, units, input);
  const sessionId = newId('session');
  const seed = input.seed ?? sessionId;
  const sampled = sampleUnits(units, input.sampling, createRandom(`${seed}:sample`));
  const ordered = shuffled(sampled, createRandom(`${seed}:order`));
  const swapRandom = createRandom(`${seed}:swap`);
  const overlapCount = Math.round(input.overlap.share * ordered.length);
  const overlapped = new Set(
    shuffled(
      ordered.map((_, i) => i),
      createRandom(`${seed}:overlap`),
    ).slice(0, overlapCount),
  );
  const sources =
    input.kind === 'pairwise' && input.pair
      ? [input.pair.a, input.pair.b]
      : [
          ...new Map(
            sampled.map((u) => {
              const c = u.cells[0] as SourceCellRow;
              return [
                `${c.run_id}\u0000${c.model_key}`,
                { runId: c.run_id, modelKey: c.model_key },
              ];
            }),
          ).values(),
        ];
  const config: SessionConfig = {
    v: 1,
    runIds: [...new Set(sources.map((s) => s.runId))],
    models: input.models ?? null,
    pair: input.pair ?? null,
    rubric: input.rubric,
    sampling: input.sampling,
    overlap: input.overlap,
    seed,
    schemeHash: schemeHash(input.kind, input.rubric),
    sources,
    imported: null,
  };
  repo.transaction(() => {
    repo.insertSession({
      id: sessionId,
      name: input.name,
      kind: input.kind,
      is_blind: input.isBlind ? 1 : 0,
      config: JSON.stringify(config),
      status: 'open',
      created_at: nowIso(),
    });
    ordered.forEach((unit, position) => {
      // Drawn for every task (pointwise too) so the stream does not depend on the kind. Blind
      // pairs show a random side first; open pairs always show side a first.
      const random = swapRandom.next() < 0.5;
      const swapped = input.isBlind ? random : !unit.sideAFirst;
      repo.insertTask({
        id: newId('task'),
        session_id: sessionId,
        position,
        cell_id: unit.cellId,
        cell_b_id: unit.cellBId,
        is_swapped: input.kind === 'pairwise' && swapped ? 1 : 0,
        content_hash: unit.contentHash,
        required_ratings: overlapped.has(position) ? input.overlap.ratersPerItem : 1,
        payload: null,
      });
    });
  });
  ctx.events.emit('labeling.sessionsChanged', { sessionId });
  return sessionDetail(ctx, sessionId);
}
