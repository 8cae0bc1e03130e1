/** Turning stored cells into what scorers see, including the suite's `field` extraction. */
import type { ScorerSpec } from '../suites/schema';
import type { ScoringCellRow } from './repo';
import { extractField } from './text/extract';
import type { ScoreInput, ScoreResult, ScorerValueType } from './types';

export function baseInput(row: ScoringCellRow): ScoreInput {
  let metadata: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.metadata) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      metadata = parsed as Record<string, unknown>;
  } catch {
    // Metadata is written by the importer as JSON; a broken value is treated as empty.
  }
  const output = row.output ?? '';
  return {
    cellId: row.cell_id,
    itemKey: row.item_key,
    output,
    rawOutput: output,
    hasNoResponse: row.output === null,
    input: row.input,
    reference: row.reference,
    category: row.category,
    groupId: row.group_id,
    metadata,
    modelKey: row.model_key,
    promptKey: row.prompt_key,
    repeat: row.repeat,
  };
}

/**
 * The input for one scorer: with a `field`, the output is that field of the response's JSON.
 * When the field cannot be read, the cell gets its score without running the scorer: a fail
 * for pass/fail scorers, otherwise no value, with the reason.
 */
export function inputForSpec(
  base: ScoreInput,
  spec: ScorerSpec,
  valueType: ScorerValueType,
): { input: ScoreInput } | { result: ScoreResult } {
  if (!spec.field || base.hasNoResponse) return { input: base };
  const extracted = extractField(base.rawOutput, spec.field);
  if (extracted.ok) return { input: { ...base, output: extracted.text } };
  return valueType === 'binary'
    ? { result: { value: 0, isPass: false, details: { fieldError: extracted.error } } }
    : {
        result: {
          value: null,
          isPass: null,
          details: { fieldError: extracted.error },
          error: extracted.error,
        },
      };
}
