import type { ScoreInput, ScorerRuntime } from '@core/scoring/types';
import { scorerRegistry } from '@core/scoring/registry';

/** A cell as a scorer sees it, with only the fields a test cares about set. */
export function scoreInput(fields: Partial<ScoreInput> = {}): ScoreInput {
  const output = fields.output ?? '';
  return {
    cellId: 'cell_1',
    itemKey: 'item-1',
    output,
    rawOutput: fields.rawOutput ?? output,
    hasNoResponse: false,
    input: 'question',
    reference: null,
    category: null,
    groupId: null,
    metadata: {},
    modelKey: 'model-a',
    promptKey: 'p1',
    repeat: 0,
    ...fields,
  };
}

export const runtime: ScorerRuntime = { signal: new AbortController().signal, seed: 'test' };

/** Parses `params` with the scorer's own schema (as the run service does) and scores one input. */
export async function score(type: string, params: unknown, input: ScoreInput) {
  const definition = scorerRegistry.get(type);
  if (definition.scope !== 'cell') throw new Error(`${type} is not a cell scorer`);
  const parsed: unknown = definition.paramsSchema.parse(params);
  return definition.score(input, parsed, runtime);
}
