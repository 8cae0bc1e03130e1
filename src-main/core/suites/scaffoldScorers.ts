/**
 * The scorers a scaffold can write without asking for anything more than the dataset gives:
 * deterministic ones whose every parameter has a default (judges need a judge model, regex a
 * pattern, custom-js code — the user adds those in the editor). Which of them suit a dataset
 * follows from its references (docs/scorers.md): GSM8K answers → numeric-match, option letters
 * → multiple-choice, short answers → exact-match, longer ones → token-f1 / ROUGE, HumanEval
 * tests → code-exec.
 */
import { scorerRegistry } from '../scoring/registry';
import type { DatasetShape } from './datasetShape';

interface ScaffoldScorer {
  type: string;
  /** The scorer's id in the suite (criteria refer to it: `answer.pass_rate`). */
  id: string;
  needs: 'reference' | 'code-tests' | null;
  /** Written as the scorer's `config` (nothing when the defaults fit). */
  config?: (shape: DatasetShape) => Record<string, unknown>;
  /** Says why it fits, as a comment above it. */
  why: string;
}

const catalog: readonly ScaffoldScorer[] = [
  {
    type: 'numeric-match',
    id: 'answer',
    needs: 'reference',
    why: 'the final number of the output equals the reference\'s ("#### N" references are read the same way)',
  },
  {
    type: 'multiple-choice',
    id: 'choice',
    needs: 'reference',
    config: (shape) => ({ letters: shape.letters ?? 'ABCD' }),
    why: 'the option letter the output chooses equals the reference letter',
  },
  {
    type: 'exact-match',
    id: 'exact',
    needs: 'reference',
    config: () => ({ normalize: true }),
    why: 'the output equals the reference (ignoring case, spacing, quotes and final punctuation)',
  },
  {
    type: 'contains',
    id: 'contains',
    needs: 'reference',
    why: 'the output contains the reference',
  },
  {
    type: 'starts-with',
    id: 'prefix',
    needs: 'reference',
    why: 'the output starts with the reference',
  },
  {
    type: 'token-f1',
    id: 'f1',
    needs: 'reference',
    why: 'word overlap with the reference (SQuAD token F1, 0–1)',
  },
  {
    type: 'rouge',
    id: 'rouge',
    needs: 'reference',
    config: () => ({ variant: 'rougeL' }),
    why: 'longest common word sequence with the reference (ROUGE-L F-measure, 0–1)',
  },
  {
    type: 'bleu',
    id: 'bleu',
    needs: 'reference',
    why: 'n-gram precision against the reference (sentence BLEU, 0–1)',
  },
  {
    type: 'chrf',
    id: 'chrf',
    needs: 'reference',
    why: 'character n-gram F-score against the reference (chrF, 0–1)',
  },
  {
    type: 'levenshtein',
    id: 'similarity',
    needs: 'reference',
    why: '1 − edit distance to the reference / the longer length',
  },
  {
    type: 'code-exec',
    id: 'tests',
    needs: 'code-tests',
    why: "the completed function passes the item's tests (metadata.test, metadata.entry_point) in a sandboxed python3",
  },
  {
    type: 'json-valid',
    id: 'json',
    needs: null,
    why: 'the output parses as JSON',
  },
  {
    type: 'refusal',
    id: 'refusal',
    needs: null,
    why: 'the model answered rather than declining (English phrase patterns)',
  },
];

/** The scorers suggested for a dataset, most telling first. */
export function suggestedScorerTypes(shape: DatasetShape): string[] {
  if (shape.hasCodeTests) return ['code-exec'];
  switch (shape.referenceKind) {
    case 'gsm8k':
    case 'number':
      return ['numeric-match'];
    case 'letter':
      return ['multiple-choice'];
    case 'short-text':
      return ['exact-match', 'token-f1'];
    case 'text':
      return ['token-f1', 'rouge'];
    case null:
      return [];
  }
}

/** Why a scorer cannot score this dataset, or null when it can. */
export function unavailableReason(scorer: ScaffoldScorer, shape: DatasetShape): string | null {
  const name = `${shape.datasetName} v${shape.version}`;
  if (scorer.needs === 'reference' && !shape.hasReference)
    return shape.hasPartialReference
      ? `some items of ${name} have no reference`
      : `${name} has no reference answers`;
  if (scorer.needs === 'code-tests' && !shape.hasCodeTests)
    return `${name} has no metadata.test and metadata.entry_point in every item`;
  return null;
}

export interface ScaffoldScorerOption {
  type: string;
  label: string;
  why: string;
  isSuggested: boolean;
  unavailable: string | null;
}

/** Every scorer a scaffold can write, with whether it suits the dataset. */
export function scorerOptions(shape: DatasetShape): ScaffoldScorerOption[] {
  const suggested = new Set(suggestedScorerTypes(shape));
  return catalog.map((scorer) => ({
    type: scorer.type,
    label: scorerRegistry.get(scorer.type).label,
    why: scorer.why,
    isSuggested: suggested.has(scorer.type),
    unavailable: unavailableReason(scorer, shape),
  }));
}

export function scaffoldScorer(type: string): ScaffoldScorer | undefined {
  return catalog.find((s) => s.type === type);
}

export const scaffoldScorerTypes: readonly string[] = catalog.map((s) => s.type);
