/**
 * Pulling an answer out of free-form model output: JSON (also inside a ```json fence or after a
 * preamble), a field of it by dotted path, the final number (GSM8K's `#### N`, "the answer is
 * N", or the last number), and a multiple-choice letter.
 */

/** Parses JSON from the whole text, a fenced block, or the outermost {...} / [...] span. */
export function parseJsonLoose(
  text: string,
): { ok: true; value: unknown; how: string } | { ok: false; error: string } {
  const attempts: Array<[string, string]> = [['whole output', text.trim()]];
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fence?.[1] !== undefined) attempts.push(['code fence', fence[1].trim()]);
  for (const [open, close] of [
    ['{', '}'],
    ['[', ']'],
  ] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start)
      attempts.push([`${open}…${close} span`, text.slice(start, end + 1)]);
  }
  let firstError = '';
  for (const [how, candidate] of attempts) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown, how };
    } catch (error) {
      firstError ||= (error as Error).message;
    }
  }
  return { ok: false, error: `not JSON: ${firstError}` };
}

/** Reads `a.b.0.c` from a parsed value. */
export function getPath(
  value: unknown,
  path: string,
): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return { found: false };
    const record = current as Record<string, unknown>;
    if (!Object.hasOwn(record, part)) return { found: false };
    current = record[part];
  }
  return { found: true, value: current };
}

/** The text to score for a suite `field`: the field's value as text, or why it is missing. */
export function extractField(
  output: string,
  field: string,
): { ok: true; text: string } | { ok: false; error: string } {
  const parsed = parseJsonLoose(output);
  if (!parsed.ok) return { ok: false, error: `field "${field}": ${parsed.error}` };
  const got = getPath(parsed.value, field);
  if (!got.found) return { ok: false, error: `field "${field}" is missing from the JSON output` };
  const v = got.value;
  return { ok: true, text: typeof v === 'string' ? v : JSON.stringify(v) };
}

const numberPattern = /-?\$?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;

/** "1,000" → 1000, "$18." → 18, "-3.50" → -3.5; NaN when not a number. */
export function parseNumber(text: string): number {
  const cleaned = text.replace(/[$,\s]/g, '').replace(/\.$/, '');
  return cleaned === '' ? NaN : Number(cleaned);
}

export type NumberExtraction = 'auto' | 'gsm8k' | 'answer-is' | 'last-number';

/**
 * The final numeric answer of a response. `auto` tries GSM8K's `#### N`, then "the answer is N"
 * (also "Answer: N", "final answer: N"), then the last number in the text.
 */
export function extractNumber(
  text: string,
  how: NumberExtraction = 'auto',
): { value: number; via: string } | null {
  const tryGsm8k = () => {
    const m = /####\s*(-?\$?[\d,]*\.?\d+)/.exec(text);
    return m?.[1] ? { value: parseNumber(m[1]), via: '####' } : null;
  };
  const tryAnswerIs = () => {
    const m =
      /(?:the\s+(?:final\s+)?answer\s+is|final\s+answer\s*[:=]|answer\s*[:=])\s*[^\d\-.$]{0,20}?(-?\$?[\d,]*\.?\d+)/i.exec(
        text,
      );
    return m?.[1] ? { value: parseNumber(m[1]), via: 'answer is' } : null;
  };
  const tryLast = () => {
    const all = text.match(numberPattern);
    const last = all?.[all.length - 1];
    return last ? { value: parseNumber(last), via: 'last number' } : null;
  };
  const order = {
    auto: [tryGsm8k, tryAnswerIs, tryLast],
    gsm8k: [tryGsm8k],
    'answer-is': [tryAnswerIs],
    'last-number': [tryLast],
  }[how];
  for (const attempt of order) {
    const found = attempt();
    if (found && Number.isFinite(found.value)) return found;
  }
  return null;
}

/**
 * The chosen option letter of an MMLU-style answer: "Answer: (B)", "the answer is B",
 * "B) …" / "B." at the start, a lone letter, or "(B)" anywhere — in that order of trust.
 */
export function extractChoice(
  text: string,
  letters: string,
): { letter: string; via: string } | null {
  const set = `[${letters}]`;
  const patterns: Array<[RegExp, string]> = [
    [
      new RegExp(
        `(?:answer|option|choice)\\s*(?:is|:)?\\s*(?:\\*\\*)?\\(?(${set})\\)?(?![a-zA-Z])`,
        'i',
      ),
      'answer is',
    ],
    [new RegExp(`^\\s*(?:\\*\\*)?\\(?(${set})\\)?(?:[.):\\s]|\\*\\*|$)`), 'leading letter'],
    [new RegExp(`^\\s*(${set})\\s*$`), 'lone letter'],
    [new RegExp(`\\((${set})\\)`), '(letter)'],
  ];
  for (const [pattern, via] of patterns) {
    const m = pattern.exec(text);
    if (m?.[1]) return { letter: m[1].toUpperCase(), via };
  }
  return null;
}
