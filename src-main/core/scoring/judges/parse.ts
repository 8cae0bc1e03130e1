/**
 * Reading a judge's verdict robustly. Judges are asked for JSON; they also wrap it in fences,
 * add prose, write "Score: 4/5" or MT-Bench's "[[A]]". Every reader returns the verdict or a
 * reason, and the caller keeps the raw text either way.
 */
import { getPath, parseJsonLoose } from '../text/extract';

export type PointwiseVerdict =
  { ok: true; score: number; reasoning: string | null } | { ok: false; error: string };
export type PairwiseWinner = 'A' | 'B' | 'tie';
export type PairwiseVerdict =
  { ok: true; winner: PairwiseWinner; reasoning: string | null } | { ok: false; error: string };

function reasoningOf(value: unknown): string | null {
  for (const key of ['reasoning', 'reason', 'explanation', 'rationale']) {
    const got = getPath(value, key);
    if (got.found && typeof got.value === 'string') return got.value;
  }
  return null;
}

export function parsePointwise(
  text: string,
  scale: { min: number; max: number },
): PointwiseVerdict {
  const inScale = (n: number) => Number.isFinite(n) && n >= scale.min && n <= scale.max;
  const parsed = parseJsonLoose(text);
  if (parsed.ok) {
    for (const key of ['score', 'rating', 'grade']) {
      const got = getPath(parsed.value, key);
      if (!got.found) continue;
      const n = typeof got.value === 'number' ? got.value : Number(String(got.value).trim());
      if (inScale(n)) return { ok: true, score: n, reasoning: reasoningOf(parsed.value) };
      return {
        ok: false,
        error: `the judge's ${key} ${JSON.stringify(got.value)} is outside ${scale.min}–${scale.max}`,
      };
    }
  }
  const labelled =
    /(?:score|rating|grade)\s*(?:is|:|=)?\s*\**\s*(-?\d+(?:\.\d+)?)(?:\s*\/\s*\d+)?/i.exec(text) ??
    /\[\[(\d+(?:\.\d+)?)\]\]/.exec(text);
  if (labelled?.[1]) {
    const n = Number(labelled[1]);
    if (inScale(n)) return { ok: true, score: n, reasoning: text.trim() };
  }
  return { ok: false, error: 'no score found in the judge reply' };
}

function toWinner(value: unknown): PairwiseWinner | null {
  if (typeof value !== 'string') return null;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^(response|answer|output)\s+/, '');
  if (v === 'a' || v === '1') return 'A';
  if (v === 'b' || v === '2') return 'B';
  if (v === 'tie' || v === 'draw' || v === 'equal' || v === 'c') return 'tie';
  return null;
}

export function parsePairwise(text: string): PairwiseVerdict {
  const parsed = parseJsonLoose(text);
  if (parsed.ok) {
    for (const key of ['winner', 'verdict', 'choice', 'preferred', 'better']) {
      const got = getPath(parsed.value, key);
      if (!got.found) continue;
      const winner = toWinner(got.value);
      if (winner) return { ok: true, winner, reasoning: reasoningOf(parsed.value) };
      return {
        ok: false,
        error: `the judge's ${key} ${JSON.stringify(got.value)} is not A, B or tie`,
      };
    }
  }
  const bracket = /\[\[(A|B|C|tie)\]\]/i.exec(text);
  const phrase =
    /(?:winner|verdict|better (?:response|answer))\s*(?:is|:)\s*\**\s*(?:response\s+|answer\s+)?(A|B|tie)\b/i.exec(
      text,
    );
  const winner = toWinner(bracket?.[1] ?? phrase?.[1]);
  return winner
    ? { ok: true, winner, reasoning: text.trim() }
    : { ok: false, error: 'no winner found in the judge reply' };
}
