/**
 * A session's labels as statistics read them: one label per (task, rater) — the rater's latest
 * on the task's content for the session's question — as text on the measure's scale:
 * - score: the scale point ("1" … "5"), ordinal;
 * - pass: "pass" / "fail", nominal;
 * - choice: the winning side ("modelX", or "first"/"second" when the model is unknown here),
 *   "tie" or "both bad", nominal. Naming sides (not shown positions or canonical order) gives a
 *   category the same meaning on every item, which chance-corrected statistics need.
 */
import type { Measure } from '@contract/routes/calibrationSchemas';
import { ApiError } from '../apiError';
import type { MeasurementLevel } from '../agreement/types';
import type { NamedLabelRow, TaskContentRow } from '../db/repos/labeling';
import type { LoadedSession } from './config';
import type { SessionState } from './progress';
import { contentOf } from './taskContent';

export interface MeasureScale {
  measure: Measure;
  level: MeasurementLevel;
  scale: string[];
}

export function measureScale(session: LoadedSession, requested: Measure | undefined): MeasureScale {
  const { kind } = session.row;
  const { rubric } = session.config;
  const measure = requested ?? (kind === 'pairwise' ? 'choice' : 'score');
  if (kind === 'pairwise' && measure !== 'choice')
    throw new ApiError('bad_request', 'a pairwise session measures the choice');
  if (kind === 'pointwise' && measure === 'choice')
    throw new ApiError('bad_request', 'a pointwise session measures the score or pass/fail');
  if (measure === 'pass' && !rubric.passFail)
    throw new ApiError('bad_request', 'this session does not ask for pass/fail');
  if (measure === 'score') {
    const scale: string[] = [];
    for (let v = rubric.scale.min; v <= rubric.scale.max; v++) scale.push(String(v));
    return { measure, level: 'ordinal', scale };
  }
  if (measure === 'pass') return { measure, level: 'nominal', scale: ['fail', 'pass'] };
  return { measure, level: 'nominal', scale: [] };
}

/** The name of each output's side, in canonical order. */
export function sideNames(session: LoadedSession, row: TaskContentRow): string[] {
  const content = contentOf(row);
  const sources = session.config.sources;
  const keys = sources.map((s) => s.modelKey);
  const ambiguous = new Set(keys).size < keys.length;
  return content.outputs.map((output, i) => {
    if (output.model === null) return i === 0 ? 'first' : 'second';
    const runId = content.runIds[i];
    return ambiguous && runId ? `${output.model} (${runId})` : output.model;
  });
}

export function labelText(
  label: NamedLabelRow,
  measure: Measure,
  sides: readonly string[],
): string | null {
  if (measure === 'score') return label.score === null ? null : String(label.score);
  if (measure === 'pass')
    return label.is_pass === null ? null : label.is_pass === 1 ? 'pass' : 'fail';
  if (label.choice === 'a') return sides[0] ?? 'first';
  if (label.choice === 'b') return sides[1] ?? 'second';
  if (label.choice === 'tie') return 'tie';
  if (label.choice === 'both_bad') return 'both bad';
  return null;
}

export interface UnitLabel {
  taskId: string;
  raterId: string;
  rater: string;
  label: string;
  note: string | null;
  /** When it was first given (epoch ms), for drift. */
  order: number;
}

/** One labelled value per (task, rater) on the measure; tasks sharing content share labels. */
export function unitLabels(
  session: LoadedSession,
  state: SessionState,
  rows: readonly TaskContentRow[],
  measure: Measure,
): UnitLabel[] {
  const out: UnitLabel[] = [];
  for (const row of rows) {
    const sides = session.row.kind === 'pairwise' ? sideNames(session, row) : [];
    for (const label of state.byContent.get(row.content_hash)?.values() ?? []) {
      const text = labelText(label, measure, sides);
      if (text === null) continue;
      out.push({
        taskId: row.id,
        raterId: label.rater_id,
        rater: label.rater,
        label: text,
        note: label.note,
        order: Date.parse(label.created_at),
      });
    }
  }
  return out;
}
