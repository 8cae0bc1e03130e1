/**
 * Lines up a judge with a human session over the same outputs: for each task of the session
 * whose outputs come from the run, the people's labels and the judge's verdict on one scale.
 * - pointwise ↔ `judge-rubric`: the score (the judge's aggregated value rounded to the nearest
 *   scale point; the scales must be the same) or pass/fail (the judge's passAt);
 * - pairwise ↔ `judge-pairwise`: which side won, or a tie ("both bad" counts as a tie). The
 *   judge's verdict is its value over both orders: above ½ its candidate won, below ½ the
 *   baseline, ½ a tie. Its per-order verdicts feed the position-bias probe.
 */
import type { Measure } from '@contract/routes/calibrationSchemas';
import { ApiError, notFound } from '../apiError';
import { buildRatingMatrix, codeLabels, valueOf, type LabelCoding } from '../agreement/coding';
import type { MeasurementLevel, RatingMatrix } from '../agreement/types';
import { humanConsensus, type ConsensusMethod } from '../calibration/consensus';
import type { CoreContext } from '../context';
import type { TaskContentRow } from '../db/repos/labeling';
import type { ResolvedScorer } from '../scoring/specs';
import { loadSession, type LoadedSession } from './config';
import { readingsFromScores, readingsFromVariant, type JudgeReading } from './judgeReadings';
import { judgeVariantsRepo, labelingRepo } from './repo';
import { runScorers } from './runScorers';
import { measureScale, sideNames, unitLabels, type UnitLabel } from './sessionLabels';
import { readState } from './summary';

export interface CalibrationRequest {
  sessionId: string;
  runId: string;
  scorerKey: string;
  variantId?: string | undefined;
  measure?: Measure | undefined;
}

export interface AlignedTask {
  row: TaskContentRow;
  humans: UnitLabel[];
  reading: JudgeReading | null;
  judgeLabel: string | null;
  /** Model key of each output, canonical order. */
  models: string[];
  /** Pairwise: canonical index of the judge's candidate output. */
  candidateIndex: number | null;
}

export interface CalibrationData {
  session: LoadedSession;
  scorer: ResolvedScorer;
  measure: Measure;
  level: MeasurementLevel;
  coding: LabelCoding;
  tasks: AlignedTask[];
  /** Every reading of the judge (version) in the run, by cell. */
  readings: Map<string, JudgeReading>;
  notes: string[];
}

interface RubricParams {
  scale?: { min: number; max: number };
}

export function judgeScorer(ctx: CoreContext, runId: string, scorerKey: string): ResolvedScorer {
  const scorer = runScorers(ctx, runId).get(scorerKey);
  if (!scorer) throw notFound(`scorer "${scorerKey}" of run`, runId);
  if (scorer.spec.type !== 'judge-rubric' && scorer.spec.type !== 'judge-pairwise')
    throw new ApiError(
      'bad_request',
      `scorer "${scorerKey}" is ${scorer.spec.type}, not an LLM judge`,
    );
  return scorer;
}

function checkKinds(session: LoadedSession, scorer: ResolvedScorer, measure: Measure): void {
  const pairwise = session.row.kind === 'pairwise';
  if (pairwise !== (scorer.spec.type === 'judge-pairwise'))
    throw new ApiError(
      'bad_request',
      `a ${session.row.kind} session is compared with a ${pairwise ? 'judge-pairwise' : 'judge-rubric'} scorer; "${scorer.key}" is ${scorer.spec.type}`,
    );
  if (!pairwise && measure === 'score') {
    const judgeScale = (scorer.params as RubricParams).scale ?? { min: 1, max: 5 };
    const own = session.config.rubric.scale;
    if (judgeScale.min !== own.min || judgeScale.max !== own.max)
      throw new ApiError(
        'bad_request',
        `the judge scores ${judgeScale.min}–${judgeScale.max} and the session ${own.min}–${own.max}: compare pass/fail instead`,
      );
  }
}

function judgeLabel(
  data: { session: LoadedSession; measure: Measure },
  reading: JudgeReading,
  names: string[],
  candidateIndex: number | null,
): string | null {
  if (reading.value === null && reading.isPass === null) return null;
  if (data.measure === 'pass')
    return reading.isPass === null ? null : reading.isPass ? 'pass' : 'fail';
  if (data.measure === 'score') {
    if (reading.value === null) return null;
    const { min, max } = data.session.config.rubric.scale;
    return String(Math.min(max, Math.max(min, Math.round(reading.value))));
  }
  if (reading.value === null || candidateIndex === null) return null;
  if (reading.value === 0.5) return 'tie';
  const winner = reading.value > 0.5 ? candidateIndex : 1 - candidateIndex;
  return names[winner] ?? null;
}

export function calibrationData(ctx: CoreContext, request: CalibrationRequest): CalibrationData {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, request.sessionId);
  const scorer = judgeScorer(ctx, request.runId, request.scorerKey);
  const { measure, level, scale } = measureScale(session, request.measure);
  checkKinds(session, scorer, measure);
  let readings: Map<string, JudgeReading>;
  if (request.variantId) {
    const variants = judgeVariantsRepo(ctx);
    const variant = variants.variant(request.variantId);
    if (
      !variant ||
      variant.session_id !== request.sessionId ||
      variant.scorer_key !== request.scorerKey
    )
      throw notFound('judge version', request.variantId);
    readings = readingsFromVariant(variants, request.variantId);
  } else readings = readingsFromScores(ctx, request.runId, request.scorerKey);
  const state = readState(repo, session);
  const rows = repo
    .taskContents(request.sessionId)
    .filter(
      (r) => r.run_a === request.runId && (r.cell_b_id === null || r.run_b === request.runId),
    );
  const notes: string[] = [];
  const skipped = state.tasks.length - rows.length;
  if (skipped > 0) notes.push(`${skipped} task(s) of the session are not outputs of this run.`);
  const labels = unitLabels(session, state, rows, measure);
  const byTask = new Map<string, UnitLabel[]>();
  for (const l of labels) {
    const label = l.label === 'both bad' ? 'tie' : l.label;
    byTask.set(l.taskId, [...(byTask.get(l.taskId) ?? []), { ...l, label }]);
  }
  let sideScale: string[] = [];
  const tasks: AlignedTask[] = rows.map((row) => {
    const models = sideNames(session, row);
    let reading = readings.get(row.cell_id ?? '') ?? null;
    let candidateIndex: number | null = null;
    if (session.row.kind === 'pairwise') {
      const b = readings.get(row.cell_b_id ?? '') ?? null;
      if (reading?.baselineCellId === row.cell_b_id) candidateIndex = 0;
      else if (b?.baselineCellId === row.cell_id) {
        reading = b;
        candidateIndex = 1;
      } else reading = null;
      if (candidateIndex !== null && sideScale.length === 0)
        sideScale = [models[candidateIndex] as string, models[1 - candidateIndex] as string, 'tie'];
    }
    return {
      row,
      humans: byTask.get(row.id) ?? [],
      reading,
      judgeLabel: reading
        ? judgeLabel({ session, measure }, reading, models, candidateIndex)
        : null,
      models,
      candidateIndex,
    };
  });
  const codingScale = session.row.kind === 'pairwise' ? sideScale : scale;
  const observed = tasks.flatMap((t) => [
    ...t.humans.map((h) => h.label),
    ...(t.judgeLabel === null ? [] : [t.judgeLabel]),
  ]);
  const coding = codeLabels(
    codingScale.length > 0 ? observed.filter((l) => codingScale.includes(l)) : observed,
    level,
    codingScale.length > 0 ? codingScale : undefined,
  );
  if (tasks.every((t) => t.reading === null))
    notes.push(`The judge "${request.scorerKey}" scored none of the session's outputs.`);
  return { session, scorer, measure, level, coding, tasks, readings, notes };
}

export interface CodedTask {
  task: AlignedTask;
  /** The people's consensus, coded; null without one. */
  human: number | null;
  /** The judge's label, coded; null when it gave none. */
  judge: number | null;
}

export interface CodedSession {
  matrix: RatingMatrix;
  method: ConsensusMethod;
  unresolved: number;
  coded: CodedTask[];
}

/** People's consensus per task (majority for nominal labels, the median score) and the judge, coded. */
export function codeSession(data: CalibrationData): CodedSession {
  const { coding } = data;
  const known = (label: string) => coding.labels.includes(label);
  const matrix = buildRatingMatrix(
    data.tasks.flatMap((t) =>
      t.humans
        .filter((h) => known(h.label))
        .map((h) => ({ unitId: t.row.id, raterId: h.rater, label: h.label, order: h.order })),
    ),
    coding,
  );
  const method: ConsensusMethod = data.level === 'nominal' ? 'majority' : 'median';
  const consensus = humanConsensus(matrix, method);
  const byTask = new Map<string, number | null>();
  consensus.values.forEach((v, u) => byTask.set(matrix.unitIds[u] as string, v));
  return {
    matrix,
    method,
    unresolved: consensus.unresolved,
    coded: data.tasks.map((task) => ({
      task,
      human: byTask.get(task.row.id) ?? null,
      judge:
        task.judgeLabel !== null && known(task.judgeLabel)
          ? valueOf(coding, task.judgeLabel)
          : null,
    })),
  };
}
