import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { suiteJsonSchema } from '@core/suites/jsonSchema';
import { repoRoot, resourcesDir } from '../../support/core';

const committed = JSON.parse(
  readFileSync(join(repoRoot, 'schemas/suite.schema.json'), 'utf8'),
) as object;

describe('the published suite JSON Schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema:suite` after changing it)', () => {
    expect(committed).toEqual(suiteJsonSchema());
  });

  it('accepts the example suite and refuses unknown keys and bad values, as the zod schema does', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
    const example = parse(
      readFileSync(join(resourcesDir, 'examples/support/suite.yaml'), 'utf8'),
    ) as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, colour: 'blue' })).toBe(false);
    expect(validate({ ...example, repeats: 0 })).toBe(false);
    expect(validate({ ...example, params: { temperature: 'hot' } })).toBe(false);
  });
});
