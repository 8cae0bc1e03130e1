/**
 * Pairwise verdicts (which of two outputs is better) in one vocabulary: 'A' (the first
 * output), 'B' (the second) or 'tie'. Files say this many ways — A/B, 1/2 (PandaLM and LLMBar
 * number the responses), left/right (Label Studio's pairwise control), tie/0/draw/both_bad.
 */
export type PairwiseVerdict = 'A' | 'B' | 'tie';

const first = new Set([
  'a',
  '1',
  'first',
  'left',
  'response1',
  'response_1',
  'output_1',
  'output1',
  'model_a',
  'a>b',
]);
const second = new Set([
  'b',
  '2',
  'second',
  'right',
  'response2',
  'response_2',
  'output_2',
  'output2',
  'model_b',
  'b>a',
]);
const tie = new Set([
  'tie',
  '0',
  'draw',
  'equal',
  'same',
  'both_bad',
  'both bad',
  'both_good',
  'neither',
  'a=b',
]);

/** The verdict a label stands for, or null when it is not a pairwise verdict (e.g. "garbage"). */
export function parsePairwiseVerdict(label: string): PairwiseVerdict | null {
  const text = label.trim().toLowerCase();
  if (first.has(text)) return 'A';
  if (second.has(text)) return 'B';
  if (tie.has(text)) return 'tie';
  return null;
}

/** The verdict after swapping which output is shown first. */
export function swapVerdict(verdict: PairwiseVerdict): PairwiseVerdict {
  return verdict === 'A' ? 'B' : verdict === 'B' ? 'A' : 'tie';
}

/** 1 when A wins, ½ for a tie, 0 when B wins. */
export function verdictScore(verdict: PairwiseVerdict): number {
  return verdict === 'A' ? 1 : verdict === 'B' ? 0 : 0.5;
}
