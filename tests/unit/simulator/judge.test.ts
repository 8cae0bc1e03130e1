import { describe, expect, it } from 'vitest';
import { judgeReply, type JudgeOptions } from '../../simulator/judge';

const options: JudgeOptions = {
  mode: 'auto',
  scale: [1, 5],
  positionBias: 0,
  tieMargin: 0.05,
  fenced: false,
};

const pointwisePrompt = (answer: string) =>
  `Rate the response from 1 to 5.\n\n[Question]\nWhat is the capital of France?\n\n[Reference]\nParis is the capital of France.\n\n[Response]\n${answer}\n\nReply with JSON.`;

const pairwisePrompt = (a: string, b: string) =>
  `Which response answers better?\n\nQuestion: Name a primary colour.\n\n[Response A]\n${a}\n[/Response A]\n\n[Response B]\n${b}\n[/Response B]\n\n[Instructions]\nReply with JSON.`;

describe('deterministic LLM-judge responder', () => {
  it('gives pointwise rubric JSON that is deterministic and follows the reference', () => {
    const good = JSON.parse(
      judgeReply(pointwisePrompt('Paris is the capital of France.'), options),
    ) as {
      score: number;
      reasoning: string;
    };
    const bad = JSON.parse(judgeReply(pointwisePrompt('I like turtles a lot.'), options)) as {
      score: number;
    };
    expect(good.score).toBeGreaterThanOrEqual(4);
    expect(bad.score).toBeLessThanOrEqual(2);
    expect(typeof good.reasoning).toBe('string');
    expect(judgeReply(pointwisePrompt('I like turtles a lot.'), options)).toBe(
      judgeReply(pointwisePrompt('I like turtles a lot.'), options),
    );
  });

  it('keeps pointwise scores on the configured scale', () => {
    for (let i = 0; i < 100; i++) {
      const { score } = JSON.parse(
        judgeReply(`Score this.\nResponse: answer number ${i}`, { ...options, scale: [0, 10] }),
      ) as { score: number };
      expect(Number.isInteger(score)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(10);
    }
  });

  it('swaps its pairwise verdict when the answers swap, without position bias', () => {
    let decided = 0;
    for (let i = 0; i < 200; i++) {
      const a = `Red, answer variant ${i}`;
      const b = `Blue is one, variant ${i * 7}`;
      const ab = (JSON.parse(judgeReply(pairwisePrompt(a, b), options)) as { winner: string })
        .winner;
      const ba = (JSON.parse(judgeReply(pairwisePrompt(b, a), options)) as { winner: string })
        .winner;
      const swapped = ab === 'A' ? 'B' : ab === 'B' ? 'A' : 'tie';
      expect(ba).toBe(swapped);
      if (ab !== 'tie') decided++;
    }
    expect(decided).toBeGreaterThan(150);
  });

  it('prefers the first answer at about the configured position-bias rate', () => {
    const biased = { ...options, positionBias: 0.3 };
    let inconsistent = 0;
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const a = `first candidate ${i}`;
      const b = `second candidate ${i * 13 + 1}`;
      const ab = (JSON.parse(judgeReply(pairwisePrompt(a, b), biased)) as { winner: string })
        .winner;
      const ba = (JSON.parse(judgeReply(pairwisePrompt(b, a), biased)) as { winner: string })
        .winner;
      if (ab === 'A' && ba === 'A') inconsistent++;
    }
    // First-position wins in both orders happen when either ordering hits the bias and the
    // other ordering's real verdict agrees: roughly 0.3 + 0.3 - 0.09, halved, ~0.26 of pairs.
    expect(inconsistent / n).toBeGreaterThan(0.18);
    expect(inconsistent / n).toBeLessThan(0.34);
  });

  it('can wrap the JSON in a code fence, as chatty judges do', () => {
    const reply = judgeReply(pairwisePrompt('x', 'y'), { ...options, fenced: true });
    expect(reply).toMatch(/^```json\n\{.*\}\n```$/s);
  });
});
