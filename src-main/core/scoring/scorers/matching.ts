/** Exact / normalised match, contains (any / all), starts-with and regex. */
import { z } from 'zod';
import { normalizeText } from '../text/normalize';
import { defineScorer, passFail } from '../types';
import { missingReference, ReferenceFrom, referenceList, referenceText } from './reference';

const CaseOptions = {
  normalize: z
    .boolean()
    .default(false)
    .describe(
      'Trim, collapse whitespace, drop surrounding quotes and trailing punctuation, and ignore case.',
    ),
  caseSensitive: z
    .boolean()
    .optional()
    .describe('Default: false when normalize is on, true otherwise.'),
};

export const exactMatch = defineScorer({
  id: 'exact-match',
  version: '1',
  label: 'Exact match',
  description:
    'Passes when the output equals the reference (or one of a JSON list of references), optionally after normalisation.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({ ...CaseOptions, referenceFrom: ReferenceFrom }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const got = normalizeText(input.output, params);
    const matched = refs.find((r) => normalizeText(r, params) === got);
    return passFail(matched !== undefined, { compared: got, references: refs });
  },
});

export const contains = defineScorer({
  id: 'contains',
  version: '1',
  label: 'Contains',
  description:
    'Passes when the output contains any (or all) of the given strings, or the reference when none are given.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    values: z
      .array(z.string().min(1))
      .optional()
      .describe('Strings to look for (default: the reference).'),
    mode: z
      .enum(['any', 'all'])
      .default('any')
      .describe('Pass on any one, or only on all of them.'),
    caseSensitive: z.boolean().default(false),
    referenceFrom: ReferenceFrom,
  }),
  score(input, params) {
    const needles = params.values ?? referenceList(referenceText(input, params.referenceFrom));
    if (needles.length === 0) return missingReference(params.referenceFrom);
    const hay = params.caseSensitive ? input.output : input.output.toLowerCase();
    const found = needles.filter((n) => hay.includes(params.caseSensitive ? n : n.toLowerCase()));
    const isPass = params.mode === 'all' ? found.length === needles.length : found.length > 0;
    return passFail(isPass, { found, missing: needles.filter((n) => !found.includes(n)) });
  },
});

export const startsWith = defineScorer({
  id: 'starts-with',
  version: '1',
  label: 'Starts with',
  description:
    'Passes when the output (leading whitespace ignored) starts with the prefix, or the reference.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    prefix: z.string().min(1).optional().describe('Default: the reference.'),
    caseSensitive: z.boolean().default(false),
    referenceFrom: ReferenceFrom,
  }),
  score(input, params) {
    const prefix = params.prefix ?? referenceText(input, params.referenceFrom);
    if (prefix === null) return missingReference(params.referenceFrom);
    const out = input.output.trimStart();
    const isPass = params.caseSensitive
      ? out.startsWith(prefix)
      : out.toLowerCase().startsWith(prefix.toLowerCase());
    return passFail(isPass, { prefix });
  },
});

/** Longest pattern and output a regex is run on: bounds the cost of a badly written pattern. */
const maxRegexInput = 200_000;

export const regex = defineScorer({
  id: 'regex',
  version: '1',
  label: 'Regular expression',
  description:
    'Passes when the output matches (or, with mustMatch false, does not match) a JavaScript regular expression.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    pattern: z
      .string()
      .min(1)
      .max(2000)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid JavaScript regular expression'),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'flags may be i, m, s, u')
      .default(''),
    mustMatch: z.boolean().default(true).describe('false: pass when the pattern does NOT match.'),
  }),
  score(input, params) {
    const text = input.output.slice(0, maxRegexInput);
    const match = new RegExp(params.pattern, params.flags).exec(text);
    return passFail(params.mustMatch ? match !== null : match === null, {
      match: match?.[0] ?? null,
    });
  },
});
