/**
 * The prompts sent to LLM judges. Sections are marked with bracketed headers on their own
 * lines ([Question], [Reference], [Response], [Response A], [Response B]) so that the judge —
 * and the provider simulator's deterministic judge — can tell them apart.
 */

export interface Rubric {
  criteria: string;
  scale: { min: number; max: number };
  anchors?: Record<string, string> | undefined;
}

export function pointwisePrompt(
  rubric: Rubric,
  question: string,
  response: string,
  reference: string | null,
): { system: string; user: string } {
  const anchors = Object.entries(rubric.anchors ?? {})
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([score, text]) => `${score}: ${text}`)
    .join('\n');
  const system = [
    'You are a careful evaluator. Judge the response against the criteria below.',
    `Criteria: ${rubric.criteria}`,
    `Give an integer score from ${rubric.scale.min} (worst) to ${rubric.scale.max} (best).`,
    anchors ? `Score anchors:\n${anchors}` : '',
    'Reply with JSON only: {"score": <integer>, "reasoning": "<one or two sentences>"}.',
  ]
    .filter(Boolean)
    .join('\n\n');
  const user = [
    `[Question]\n${question}`,
    reference !== null ? `[Reference]\n${reference}` : '',
    `[Response]\n${response}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { system, user };
}

export function pairwisePrompt(
  criteria: string,
  question: string,
  a: string,
  b: string,
  reference: string | null,
): { system: string; user: string } {
  const system = [
    'You are a careful evaluator comparing two responses to the same question.',
    `Criteria: ${criteria}`,
    'The order of the responses is arbitrary: do not let it, or their length, influence you.',
    'Reply with JSON only: {"winner": "A" | "B" | "tie", "reasoning": "<one or two sentences>"}.',
  ].join('\n\n');
  const user = [
    `[Question]\n${question}`,
    reference !== null ? `[Reference]\n${reference}` : '',
    `[Response A]\n${a}`,
    `[Response B]\n${b}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { system, user };
}
