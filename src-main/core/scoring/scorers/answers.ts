/** Numeric answers with tolerance (GSM8K-style) and multiple-choice letters (MMLU-style). */
import { z } from 'zod';
import { extractChoice, extractNumber, parseNumber } from '../text/extract';
import { defineScorer, passFail } from '../types';
import { missingReference, ReferenceFrom, referenceText } from './reference';

export const numericMatch = defineScorer({
  id: 'numeric-match',
  version: '1',
  label: 'Numeric answer',
  description:
    'Extracts the final number of the output (GSM8K "#### N", "the answer is N", or the last number) and compares it with the reference number within a tolerance.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    extract: z
      .enum(['auto', 'gsm8k', 'answer-is', 'last-number'])
      .default('auto')
      .describe('How to find the answer in the output.'),
    tolerance: z.number().min(0).default(1e-6).describe('Absolute tolerance.'),
    relativeTolerance: z
      .number()
      .min(0)
      .default(0)
      .describe('Relative tolerance (of the reference).'),
    referenceFrom: ReferenceFrom,
  }),
  score(input, params) {
    const refText = referenceText(input, params.referenceFrom);
    if (refText === null) return missingReference(params.referenceFrom);
    // References in GSM8K form carry the worked solution; their answer follows "####".
    const expected = extractNumber(refText, 'auto')?.value ?? parseNumber(refText);
    if (!Number.isFinite(expected))
      return {
        value: null,
        isPass: null,
        details: { reference: refText },
        error: 'the reference is not a number',
      };
    const found = extractNumber(input.output, params.extract);
    if (!found) return passFail(false, { expected, reason: 'no number in the output' });
    const diff = Math.abs(found.value - expected);
    const isPass =
      diff <= Math.max(params.tolerance, params.relativeTolerance * Math.abs(expected));
    return passFail(isPass, { expected, extracted: found.value, via: found.via });
  },
});

export const multipleChoice = defineScorer({
  id: 'multiple-choice',
  version: '1',
  label: 'Multiple-choice letter',
  description:
    'Extracts the chosen option letter (MMLU-style) and compares it with the reference letter.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    letters: z
      .string()
      .regex(/^[A-Z]{2,26}$/, 'upper-case option letters, e.g. ABCD')
      .default('ABCD'),
    referenceFrom: ReferenceFrom,
  }),
  score(input, params) {
    const refText = referenceText(input, params.referenceFrom);
    if (refText === null) return missingReference(params.referenceFrom);
    const expected = extractChoice(refText.trim(), params.letters)?.letter;
    if (!expected)
      return {
        value: null,
        isPass: null,
        details: { reference: refText },
        error: `the reference is not one of ${params.letters}`,
      };
    const found = extractChoice(input.output, params.letters);
    if (!found) return passFail(false, { expected, reason: 'no option letter in the output' });
    return passFail(found.letter === expected, {
      expected,
      extracted: found.letter,
      via: found.via,
    });
  },
});
