/**
 * The scorer registry: exact-id lookup (a suite's `type`), a duplicate id throws, and metadata
 * for the UI derived from each params schema. Adding a scorer = one file + one line below.
 */
import { z } from 'zod';
import { multipleChoice, numericMatch } from './scorers/answers';
import { codeExecution } from './scorers/code';
import { consistency } from './scorers/consistency';
import {
  formatConstraint,
  languageConstraint,
  lengthConstraint,
  refusal,
} from './scorers/constraints';
import { customJs } from './scorers/custom';
import { jsonSchema, jsonValid } from './scorers/json';
import { pairwiseJudge, rubricJudge } from './scorers/judges';
import { contains, exactMatch, regex, startsWith } from './scorers/matching';
import {
  bleuScorer,
  chrfScorer,
  embeddingCosine,
  levenshteinScorer,
  rougeScorer,
  tokenF1Scorer,
} from './scorers/similarity';
import type { ScorerDefinition, ScorerValueType } from './types';

export class ScorerRegistry {
  private readonly byId = new Map<string, ScorerDefinition>();

  /** Definitions of any params type; each is used only with params its own schema parsed. */
  constructor(definitions: readonly ScorerDefinition[]) {
    for (const definition of definitions) {
      if (this.byId.has(definition.id)) throw new Error(`duplicate scorer id "${definition.id}"`);
      this.byId.set(definition.id, definition);
    }
  }

  get(id: string): ScorerDefinition {
    const definition = this.byId.get(id);
    if (!definition)
      throw new Error(`unknown scorer type "${id}"; known types: ${this.ids().join(', ')}`);
    return definition;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  list(): ScorerDefinition[] {
    return this.ids().map((id) => this.byId.get(id) as ScorerDefinition);
  }
}

export const scorerRegistry = new ScorerRegistry([
  exactMatch,
  contains,
  startsWith,
  regex,
  jsonValid,
  jsonSchema,
  numericMatch,
  multipleChoice,
  lengthConstraint,
  languageConstraint,
  formatConstraint,
  refusal,
  tokenF1Scorer,
  rougeScorer,
  bleuScorer,
  chrfScorer,
  levenshteinScorer,
  embeddingCosine,
  codeExecution,
  rubricJudge,
  pairwiseJudge,
  consistency,
  customJs,
] as unknown as ScorerDefinition[]);

export interface ScorerMetadata {
  id: string;
  version: string;
  label: string;
  description: string;
  family: ScorerDefinition['family'];
  scope: ScorerDefinition['scope'];
  execution: ScorerDefinition['execution'];
  /** null when it depends on the params (custom scorers). */
  valueType: ScorerValueType | null;
  /** JSON Schema of the params, for forms and editor completion. */
  paramsJsonSchema: Record<string, unknown>;
}

export function scorerMetadata(definition: ScorerDefinition): ScorerMetadata {
  return {
    id: definition.id,
    version: definition.version,
    label: definition.label,
    description: definition.description,
    family: definition.family,
    scope: definition.scope,
    execution: definition.execution,
    valueType: typeof definition.valueType === 'function' ? null : definition.valueType,
    paramsJsonSchema: z.toJSONSchema(definition.paramsSchema, {
      io: 'input',
      unrepresentable: 'any',
    }),
  };
}
