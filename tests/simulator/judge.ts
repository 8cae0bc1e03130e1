/**
 * A deterministic stand-in for an LLM judge, for the scoring and calibration tests. It reads
 * the answers (and a reference, when there is one) out of the judge prompt by their section
 * headers, gives each answer a quality in [0, 1] that depends only on that answer's text (and
 * the reference), and turns qualities into verdicts. Because an answer's quality does not
 * depend on where it sits in the prompt, swapping A and B swaps the verdict — except for the
 * configured share of prompts where the judge simply prefers the first answer (position bias).
 */
import { unitHash } from './text';

export interface JudgeOptions {
  mode: 'auto' | 'pointwise' | 'pairwise';
  scale: [number, number];
  positionBias: number;
  tieMargin: number;
  fenced: boolean;
}

interface Section {
  name: string;
  label: string | null;
  text: string;
}

const answerNames = new Set([
  'response',
  'answer',
  'output',
  'assistant',
  'completion',
  'candidate',
]);
const referenceNames = new Set(['reference', 'expected', 'gold']);

/**
 * A section header on its own line start: `[Response A]`, `<response_a>`, `## Answer B`,
 * `**Output 1**`, or `Reference:`. A bare word without a bracket, tag, heading mark or colon is
 * ordinary text ("Answer the question…"), not a header.
 */
const headerPattern =
  /^[ \t]*(?:(?:\[|<|#{1,6}[ \t]*|\*\*)[ \t]*(?:the[ \t]+)?(response|answer|output|assistant|completion|candidate|reference|expected|gold|question|prompt|input)(?:[ \t_]+(?:answer|output|response))?(?:[ \t_]*\(?([ab12])\)?)?[ \t]*(?:\]|>|\*\*)?[ \t]*:?|(?:the[ \t]+)?(response|answer|output|assistant|completion|candidate|reference|expected|gold|question|prompt|input)(?:[ \t]+(?:answer|output|response))?(?:[ \t_]*\(?([ab12])\)?)?[ \t]*:)/gim;
/** Where a section ends besides the next header: a closing tag or any other header line. */
const sectionEnd = /^[ \t]*(?:<\/?[A-Za-z_][\w-]*>|\[\/?[^\]\n]+\]|#{1,6}[ \t].*)[ \t]*$/m;

function sectionsOf(prompt: string): Section[] {
  const matches = [...prompt.matchAll(headerPattern)];
  return matches.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? prompt.length;
    let text = prompt.slice(start, end);
    const close = sectionEnd.exec(text);
    if (close) text = text.slice(0, close.index);
    const name = (m[1] ?? m[3] ?? '').toLowerCase();
    const rawLabel = (m[2] ?? m[4])?.toLowerCase();
    const label = rawLabel === undefined ? null : rawLabel === 'a' || rawLabel === '1' ? 'A' : 'B';
    return { name, label, text: text.trim() };
  });
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token-overlap F1 (as in SQuAD) between an answer and the reference. */
function overlapF1(answer: string, reference: string): number {
  const a = words(answer);
  const r = words(reference);
  if (a.length === 0 || r.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of r) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / a.length;
  const recall = common / r.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Quality in [0, 1]: overlap with the reference when there is one, else a stable hash. */
export function answerQuality(answer: string, reference: string | null): number {
  const jitter = unitHash(answer.trim(), 'quality');
  if (reference === null) return jitter;
  return 0.85 * overlapF1(answer, reference) + 0.15 * jitter;
}

function render(value: object, fenced: boolean): string {
  const json = JSON.stringify(value);
  return fenced ? `\`\`\`json\n${json}\n\`\`\`` : json;
}

export function judgeReply(prompt: string, options: JudgeOptions): string {
  const sections = sectionsOf(prompt);
  const reference = sections.find((s) => referenceNames.has(s.name))?.text ?? null;
  const answers = sections.filter((s) => answerNames.has(s.name));
  const a = answers.find((s) => s.label === 'A');
  const b = answers.find((s) => s.label === 'B');
  const pairwise = options.mode === 'pairwise' || (options.mode === 'auto' && a && b);
  if (pairwise) return pairwiseVerdict(prompt, a?.text ?? '', b?.text ?? '', reference, options);
  const answer = answers.find((s) => s.label === null) ?? answers[0];
  return pointwiseVerdict(answer?.text ?? prompt, reference, options);
}

function pointwiseVerdict(answer: string, reference: string | null, options: JudgeOptions) {
  const [low, high] = options.scale;
  const quality = answerQuality(answer, reference);
  const score = Math.min(high, low + Math.floor(quality * (high - low + 1)));
  const basis = reference === null ? 'its content' : 'how closely it matches the reference';
  return render(
    {
      score,
      reasoning: `Judged on ${basis}: quality ${quality.toFixed(2)} on a ${low}-${high} scale gives ${score}.`,
    },
    options.fenced,
  );
}

function pairwiseVerdict(
  prompt: string,
  a: string,
  b: string,
  reference: string | null,
  options: JudgeOptions,
) {
  if (unitHash(prompt, 'position') < options.positionBias) {
    return render(
      { winner: 'A', reasoning: 'Response A reads as the stronger answer.' },
      options.fenced,
    );
  }
  const qa = answerQuality(a, reference);
  const qb = answerQuality(b, reference);
  const winner = Math.abs(qa - qb) < options.tieMargin ? 'tie' : qa > qb ? 'A' : 'B';
  const reasoning =
    winner === 'tie'
      ? `Both responses are of similar quality (${qa.toFixed(2)} vs ${qb.toFixed(2)}).`
      : `Response ${winner} is better (${qa.toFixed(2)} vs ${qb.toFixed(2)}).`;
  return render({ winner, reasoning }, options.fenced);
}
