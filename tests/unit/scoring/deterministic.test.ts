import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scorerMetadata, scorerRegistry, ScorerRegistry } from '@core/scoring/registry';
import { exactMatch } from '@core/scoring/scorers/matching';
import { extractChoice, extractField, extractNumber } from '@core/scoring/text/extract';
import { sharedDir } from '../../support/core';
import { score, scoreInput } from './scoreInput';

describe('scorer registry', () => {
  it('looks scorers up by exact id and lists the known ones on a miss', () => {
    expect(scorerRegistry.get('exact-match').id).toBe('exact-match');
    expect(() => scorerRegistry.get('exact_match')).toThrow(
      /unknown scorer type "exact_match"; known types: .*exact-match/,
    );
  });

  it('refuses a duplicate id', () => {
    expect(() => new ScorerRegistry([exactMatch, exactMatch] as never)).toThrow(
      /duplicate scorer id "exact-match"/,
    );
  });

  it('derives UI metadata (with a JSON Schema of the params) for every scorer', () => {
    const all = scorerRegistry.list().map(scorerMetadata);
    expect(all.length).toBeGreaterThanOrEqual(22);
    for (const m of all) {
      expect(m.version).toMatch(/^\d+$/);
      expect(m.paramsJsonSchema.type).toBe('object');
    }
    const rouge = all.find((m) => m.id === 'rouge');
    expect(rouge?.paramsJsonSchema.properties).toHaveProperty('variant');
  });
});

describe('matching scorers', () => {
  it('exact match is strict by default and forgiving when normalising', async () => {
    expect(
      (await score('exact-match', {}, scoreInput({ output: 'Paris', reference: 'Paris' }))).isPass,
    ).toBe(true);
    expect(
      (await score('exact-match', {}, scoreInput({ output: 'paris.', reference: 'Paris' }))).isPass,
    ).toBe(false);
    expect(
      (
        await score(
          'exact-match',
          { normalize: true },
          scoreInput({ output: '  "paris." ', reference: 'Paris' }),
        )
      ).isPass,
    ).toBe(true);
    expect(
      (await score('exact-match', {}, scoreInput({ output: 'b', reference: '["a","b"]' }))).isPass,
    ).toBe(true);
    const missing = await score('exact-match', {}, scoreInput({ output: 'x' }));
    expect(missing.error).toMatch(/no reference/);
  });

  it('contains any / all, starts-with and regex', async () => {
    const out = scoreInput({ output: 'The capital is Paris, in France.' });
    expect((await score('contains', { values: ['paris', 'berlin'] }, out)).isPass).toBe(true);
    expect(
      (await score('contains', { values: ['paris', 'berlin'], mode: 'all' }, out)).isPass,
    ).toBe(false);
    expect((await score('starts-with', { prefix: 'the capital' }, out)).isPass).toBe(true);
    expect((await score('regex', { pattern: '\\bParis\\b' }, out)).isPass).toBe(true);
    expect((await score('regex', { pattern: 'Berlin', mustMatch: false }, out)).isPass).toBe(true);
    expect(() => scorerRegistry.get('regex').paramsSchema.parse({ pattern: '(' })).toThrow(
      /not a valid JavaScript regular expression/,
    );
  });
});

describe('JSON scorers and field extraction', () => {
  it('accepts fenced JSON by default, and validates against a schema', async () => {
    const fenced = scoreInput({
      output: 'Sure!\n```json\n{"category": "billing", "reply": "Hi"}\n```',
    });
    expect((await score('json-valid', {}, fenced)).isPass).toBe(true);
    expect((await score('json-valid', { allowCodeFence: false }, fenced)).isPass).toBe(false);
    const schema = {
      type: 'object',
      required: ['category'],
      properties: { category: { enum: ['billing', 'how_to'] } },
    };
    expect((await score('json-schema', { schema }, fenced)).isPass).toBe(true);
    const bad = await score(
      'json-schema',
      { schema },
      scoreInput({ output: '{"category": "other"}' }),
    );
    expect(bad.isPass).toBe(false);
    expect(JSON.stringify(bad.details)).toMatch(/category/);
  });

  it('extracts a field by dotted path, or says why not', () => {
    expect(extractField('{"a": {"b": [1, {"c": "x"}]}}', 'a.b.1.c')).toEqual({
      ok: true,
      text: 'x',
    });
    expect(extractField('{"a": 1}', 'b')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/missing/) as string,
    });
    expect(extractField('plain text', 'a')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not JSON/) as string,
    });
  });
});

describe('numeric answers (GSM8K)', () => {
  const items = readFileSync(join(sharedDir, 'data', 'gsm8k', 'test.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { question: string; answer: string });

  it('has every GSM8K test item', () => expect(items).toHaveLength(1319));

  it('scores 100% when fed the reference solutions and 0% when every final answer is off by one', async () => {
    let right = 0;
    let wrong = 0;
    for (const item of items) {
      const own = await score(
        'numeric-match',
        {},
        scoreInput({ output: item.answer, reference: item.answer }),
      );
      if (own.isPass) right++;
      const final = /####\s*(.+)$/.exec(item.answer)?.[1] ?? '';
      const offByOne = item.answer.replace(
        /####\s*.+$/,
        `#### ${Number(final.replace(/,/g, '')) + 1}`,
      );
      const bad = await score(
        'numeric-match',
        {},
        scoreInput({ output: offByOne, reference: item.answer }),
      );
      if (bad.isPass) wrong++;
    }
    expect(right).toBe(items.length);
    expect(wrong).toBe(0);
  });

  it('finds answers in chain-of-thought prose', () => {
    expect(extractNumber('so she makes $18 a day. The answer is 18.')).toMatchObject({ value: 18 });
    expect(extractNumber('Final answer: 1,000')).toMatchObject({ value: 1000 });
    expect(extractNumber('First 3, then 4, so 7 in total')).toMatchObject({
      value: 7,
      via: 'last number',
    });
    expect(extractNumber('no digits here')).toBeNull();
  });
});

describe('multiple choice (MMLU)', () => {
  it('extracts the chosen letter from common answer shapes', () => {
    for (const [text, letter] of [
      ['The answer is (C).', 'C'],
      ['Answer: B', 'B'],
      ['D) 120', 'D'],
      ['A', 'A'],
      ['I think **B** because…', null],
      ['**C**. Because the group has order 24', 'C'],
    ] as const) {
      expect(extractChoice(text, 'ABCD')?.letter ?? null).toBe(letter);
    }
  });

  it('scores the MMLU answer key against itself and against a shifted key', async () => {
    const csv = readFileSync(
      join(sharedDir, 'data', 'mmlu', 'test', 'global_facts_test.csv'),
      'utf8',
    );
    const answers = [...csv.matchAll(/,([ABCD])\r?\n/g)].map((m) => m[1] as string);
    expect(answers.length).toBeGreaterThan(90);
    const shift: Record<string, string> = { A: 'B', B: 'C', C: 'D', D: 'A' };
    for (const letter of answers) {
      expect(
        (
          await score(
            'multiple-choice',
            {},
            scoreInput({ output: `The answer is ${letter}`, reference: letter }),
          )
        ).isPass,
      ).toBe(true);
      expect(
        (
          await score(
            'multiple-choice',
            {},
            scoreInput({ output: `The answer is ${shift[letter]}`, reference: letter }),
          )
        ).isPass,
      ).toBe(false);
    }
  });
});

describe('instruction-following constraints', () => {
  it('checks word and sentence limits', async () => {
    const text = scoreInput({ output: 'One short sentence. And another one here!' });
    expect((await score('length', { maxWords: 7, maxSentences: 2 }, text)).isPass).toBe(true);
    const over = await score('length', { maxSentences: 1 }, text);
    expect(over.isPass).toBe(false);
    expect(over.details.failed).toEqual(['sentences 2 > 1']);
  });

  it('detects the reply language against the item metadata', async () => {
    const de = scoreInput({
      output: 'Hallo! Bitte melden Sie sich ab und wieder an, dann wird das Problem behoben sein.',
      metadata: { language: 'de' },
    });
    expect((await score('language', {}, de)).isPass).toBe(true);
    const en = scoreInput({
      output: 'Please sign out and sign in again, and the problem will be fixed.',
      metadata: { language: 'de' },
    });
    expect((await score('language', {}, en)).details.detected).toBe('en');
    expect(
      (
        await score(
          'language',
          { expected: 'ja' },
          scoreInput({ output: 'ご不便をおかけして申し訳ありません。' }),
        )
      ).isPass,
    ).toBe(true);
  });

  it('checks format rules and refusals', async () => {
    const bullets = scoreInput({ output: '- one\n- two\n- three' });
    expect(
      (await score('format', { bulletPoints: 3, case: 'lower', noCommas: true }, bullets)).isPass,
    ).toBe(true);
    expect((await score('format', { mustInclude: ['four'] }, bullets)).details.failed).toEqual([
      'missing "four"',
    ]);
    const refused = scoreInput({ output: "I'm sorry, but I can't help with that request." });
    expect(await score('refusal', {}, refused)).toMatchObject({ value: 1, isPass: false });
    expect(await score('refusal', { expect: 'refusal' }, refused)).toMatchObject({
      value: 1,
      isPass: true,
    });
    expect(
      await score('refusal', {}, scoreInput({ output: 'Go to Settings and press Reset.' })),
    ).toMatchObject({ value: 0, isPass: true });
  });
});

describe('similarity scorers', () => {
  it('score an identical answer 1 and an unrelated one near 0', async () => {
    const same = scoreInput({
      output: 'The cat sat on the mat.',
      reference: 'The cat sat on the mat.',
    });
    const other = scoreInput({
      output: 'Quarterly revenue rose sharply.',
      reference: 'The cat sat on the mat.',
    });
    for (const type of ['token-f1', 'rouge', 'bleu', 'chrf', 'levenshtein']) {
      expect((await score(type, {}, same)).value).toBeCloseTo(1, 10);
      expect((await score(type, {}, other)).value).toBeLessThan(0.35);
    }
    expect((await score('rouge', { passAt: 0.5 }, same)).isPass).toBe(true);
  });
});
