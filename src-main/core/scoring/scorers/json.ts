/** JSON validity and JSON Schema conformance (ajv: draft-07 keywords, plus ajv-formats formats). */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';
import { parseJsonLoose } from '../text/extract';
import { defineScorer, passFail } from '../types';

const AllowFence = z
  .boolean()
  .default(true)
  .describe('Accept JSON wrapped in a ```json code fence or surrounded by prose (default true).');

function parse(output: string, lenient: boolean) {
  if (lenient) return parseJsonLoose(output);
  try {
    return { ok: true as const, value: JSON.parse(output) as unknown, how: 'whole output' };
  } catch (error) {
    return { ok: false as const, error: `not JSON: ${(error as Error).message}` };
  }
}

export const jsonValid = defineScorer({
  id: 'json-valid',
  version: '1',
  label: 'Valid JSON',
  description: 'Passes when the output parses as JSON.',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({ allowCodeFence: AllowFence }),
  score(input, params) {
    const parsed = parse(input.output, params.allowCodeFence);
    return parsed.ok
      ? passFail(true, { parsedFrom: parsed.how })
      : passFail(false, { reason: parsed.error });
  },
});

// ajv-formats is CommonJS with a default export; both import shapes occur (tsx vs bundle).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

export const jsonSchema = defineScorer({
  id: 'json-schema',
  version: '1',
  label: 'JSON Schema',
  description: 'Passes when the output is JSON that validates against the given JSON Schema (ajv).',
  family: 'deterministic',
  scope: 'cell',
  execution: 'pool',
  valueType: 'binary',
  paramsSchema: z.strictObject({
    schema: z
      .record(z.string(), z.unknown())
      .refine((s) => {
        try {
          validatorFor(s);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid JSON Schema')
      .describe('The JSON Schema the output must satisfy.'),
    allowCodeFence: AllowFence,
  }),
  score(input, params) {
    const parsed = parse(input.output, params.allowCodeFence);
    if (!parsed.ok) return passFail(false, { reason: parsed.error });
    const validate = validatorFor(params.schema);
    const valid = validate(parsed.value);
    return passFail(
      valid,
      valid
        ? {}
        : {
            errors: (validate.errors ?? []).map(
              (e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`,
            ),
          },
    );
  },
});
