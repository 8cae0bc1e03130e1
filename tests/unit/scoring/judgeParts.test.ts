import { describe, expect, it } from 'vitest';
import { aggregateScores } from '@core/scoring/judges/aggregate';
import { estimatePromptTokens, planJudges, type BudgetInput } from '@core/scoring/judges/budget';
import { parsePairwise, parsePointwise } from '@core/scoring/judges/parse';
import { pairwisePrompt, pointwisePrompt } from '@core/scoring/judges/prompts';

describe('judge verdict parsing', () => {
  const scale = { min: 1, max: 5 };

  it('reads pointwise scores from JSON, fences, prose and MT-Bench brackets', () => {
    expect(parsePointwise('{"score": 4, "reasoning": "mostly right"}', scale)).toEqual({
      ok: true,
      score: 4,
      reasoning: 'mostly right',
    });
    expect(
      parsePointwise(
        'Here you go:\n```json\n{"rating": "5", "explanation": "perfect"}\n```',
        scale,
      ),
    ).toMatchObject({ ok: true, score: 5, reasoning: 'perfect' });
    expect(parsePointwise('The answer is partly correct. Score: 3/5', scale)).toMatchObject({
      ok: true,
      score: 3,
    });
    expect(parsePointwise('Rating: [[2]]', scale)).toMatchObject({ ok: true, score: 2 });
    expect(parsePointwise('{"score": 9}', scale)).toEqual({
      ok: false,
      error: "the judge's score 9 is outside 1–5",
    });
    expect(parsePointwise('no idea', scale)).toEqual({
      ok: false,
      error: 'no score found in the judge reply',
    });
  });

  it('reads pairwise winners in their common spellings', () => {
    expect(parsePairwise('{"winner": "B", "reasoning": "more complete"}')).toEqual({
      ok: true,
      winner: 'B',
      reasoning: 'more complete',
    });
    expect(parsePairwise('{"winner": "Response A"}')).toMatchObject({ ok: true, winner: 'A' });
    expect(parsePairwise('{"verdict": "tie"}')).toMatchObject({ ok: true, winner: 'tie' });
    expect(parsePairwise('After comparing both, [[B]]')).toMatchObject({ ok: true, winner: 'B' });
    expect(parsePairwise('The better response is A.')).toMatchObject({ ok: true, winner: 'A' });
    expect(parsePairwise('{"winner": "neither"}')).toEqual({
      ok: false,
      error: `the judge's winner "neither" is not A, B or tie`,
    });
  });

  it('labels prompt sections so judges can tell them apart', () => {
    const p = pointwisePrompt(
      { criteria: 'c', scale, anchors: { '5': 'great', '1': 'bad' } },
      'Q?',
      'R.',
      'Ref.',
    );
    expect(p.system).toMatch(/1: bad\n5: great/);
    expect(p.user).toBe('[Question]\nQ?\n\n[Reference]\nRef.\n\n[Response]\nR.');
    expect(pairwisePrompt('c', 'Q?', 'one', 'two', null).user).toBe(
      '[Question]\nQ?\n\n[Response A]\none\n\n[Response B]\ntwo',
    );
  });
});

describe('judge aggregation', () => {
  it('mean, majority (ties go to the lower score) and min', () => {
    expect(aggregateScores([5, 4, 3], 'mean')).toBe(4);
    expect(aggregateScores([5, 4, 4], 'majority')).toBe(4);
    expect(aggregateScores([5, 3], 'majority')).toBe(3);
    expect(aggregateScores([5, 4, 2], 'min')).toBe(2);
    expect(aggregateScores([], 'mean')).toBeNull();
  });
});

describe('judge budget', () => {
  const prompts = Array.from({ length: 100 }, (_, i) => ({
    cellId: `c${i}`,
    text: 'Judge this response carefully. '.repeat(20),
  }));
  const expensive = { provider: 'openai', model: 'big' };
  const cheap = { provider: 'openai', model: 'small' };
  const prices: Record<string, { inputUsdPerMTok: number; outputUsdPerMTok: number }> = {
    big: { inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
    small: { inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 },
  };
  const base: BudgetInput = {
    judges: [expensive],
    fallbackJudges: [cheap],
    onOverBudget: 'cheaper-judge',
    budgetUsd: undefined,
    maxOutputTokens: 300,
    callsPerCell: 1,
    prompts,
    price: (j) => prices[j.model] ?? null,
    seed: 'run-1',
  };
  const tokens = estimatePromptTokens(prompts);
  const bigCost = (tokens * 10 + 100 * 300 * 30) / 1e6;

  it('estimates the cost from counted tokens and prices before any call', () => {
    expect(tokens).toBeGreaterThan(100 * 100);
    expect(planJudges(base)).toMatchObject({ judges: [expensive], sample: null, note: null });
    expect(planJudges(base).estimatedCostUsd).toBeCloseTo(bigCost, 10);
  });

  it('switches to the cheaper judge when over budget, and says so', () => {
    const plan = planJudges({ ...base, budgetUsd: bigCost / 2 });
    expect(plan.judges).toEqual([cheap]);
    expect(plan.sample).toBeNull();
    expect(plan.note).toMatch(/exceeds the budget .*judged by the cheaper openai\/small alone/);
  });

  it('judges a seeded sample when even the cheapest judge does not fit, or when told to sample', () => {
    const cheapCost = (tokens * 0.15 + 100 * 300 * 0.6) / 1e6;
    const plan = planJudges({ ...base, budgetUsd: cheapCost / 4 });
    expect(plan.sample!.size).toBe(25);
    expect(plan.note).toMatch(/seeded random sample of 25 of 100 cells/);
    expect([...planJudges({ ...base, budgetUsd: cheapCost / 4 }).sample!]).toEqual([
      ...plan.sample!,
    ]);
    const sampled = planJudges({ ...base, onOverBudget: 'sample', budgetUsd: bigCost / 2 });
    expect(sampled.sample!.size).toBe(50);
    expect(() => planJudges({ ...base, onOverBudget: 'refuse', budgetUsd: 0.0001 })).toThrow(
      /exceeds the budget/,
    );
  });

  it('does not pretend to enforce a budget it cannot price', () => {
    expect(
      planJudges({ ...base, judges: [{ provider: 'openai', model: 'unknown' }], budgetUsd: 1 })
        .note,
    ).toMatch(/budget not enforced: no price is known for openai\/unknown/);
  });
});
