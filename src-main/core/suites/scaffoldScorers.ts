/**
 * The scorers a scaffold can write: deterministic ones whose every parameter has a default, and
 * the rubric judge, whose model and criteria the New-suite form asks for (regex needs a pattern,
 * custom-js code, pairwise judges a baseline — the user adds those in the editor). Which of them
 * suit a dataset follows from its references (docs/scorers.md): GSM8K answers → numeric-match,
 * option letters → multiple-choice, short answers → exact-match, longer ones → token-f1 /
 * ROUGE, HumanEval tests → code-exec, no references at all → an LLM judge.
 */
import { scorerRegistry } from '../scoring/registry';
import type { DatasetShape } from './datasetShape';

/** The judge model of a `judge-rubric` scorer and what it assesses (from the New-suite form). */
export interface ScaffoldJudge {
  provider: string;
  model: string;
  criteria: string;
}

interface ScaffoldScorer {
  type: string;
  /** The scorer's id in the suite (criteria refer to it: `answer.pass_rate`). */
  id: string;
  /** `judge`: any dataset, but the request must name a judge model. */
  needs: 'reference' | 'code-tests' | 'judge' | null;
  /** Written as the scorer's `config` (nothing when the defaults fit). */
  config?: (shape: DatasetShape, judge: ScaffoldJudge | undefined) => Record<string, unknown>;
  /** Says why it fits, as a comment above it. */
  why: string;
  /** More comment lines under `why` (options worth knowing about). */
  note?: string;
}

/** A 1–5 rubric: anchors make the judge's scale mean the same thing from item to item. */
const judgeAnchors = {
  '1': 'fails the request: wrong, off-topic or a needless refusal',
  '3': 'partly right: useful but incomplete, vague or with a minor error',
  '5': 'fully right: correct, complete, clear and to the point',
};

/** The criteria a judge starts with on this dataset; the form lets the user rewrite them. */
export function judgeCriteria(shape: DatasetShape): string {
  if (shape.hasReference)
    return 'Does the response answer the input correctly and completely, as the reference answer does? Penalise contradictions of the reference and made-up facts.';
  if (shape.inputFormat === 'messages')
    return "Is the assistant's reply to the conversation correct, helpful and relevant to the user's last message? Penalise made-up facts, ignored instructions and needless refusals.";
  return 'Does the response do what the input asks, correctly, completely and clearly? Penalise made-up facts, ignored instructions and needless refusals.';
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
    type: 'judge-rubric',
    id: 'judge',
    needs: 'judge',
    config: (_shape, judge) => ({
      judges: judge ? [{ provider: judge.provider, model: judge.model }] : [],
      criteria: judge?.criteria ?? '',
      scale: { min: 1, max: 5 },
      anchors: judgeAnchors,
      passAt: 4,
    }),
    why: 'a judge model rates each response 1–5 against the criteria (one judge call per response)',
    note: [
      ' Judge calls cost like any other: budgetUsd caps one scoring pass (estimated before any call),',
      ' fallbackJudges and onOverBudget say what happens over it. Prefer a judge that is not a candidate.',
    ].join('\n'),
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
      // Nothing to compare with: a judge reads the response against written criteria.
      return ['judge-rubric'];
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
