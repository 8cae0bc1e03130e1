/**
 * `npm run schema:suite`: writes the suite format's JSON Schema, generated from the zod schema
 * (src-main/core/suites/schema.ts), to schemas/suite.schema.json, formatted as Prettier would
 * (so `npm run format:check` passes). A unit test fails when the committed schema differs
 * from the generated one.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { suiteJsonSchema } from '../src-main/core/suites/jsonSchema';

const target = fileURLToPath(new URL('../schemas/suite.schema.json', import.meta.url));
writeFileSync(target, await format(JSON.stringify(suiteJsonSchema()), { parser: 'json' }));
process.stdout.write(`wrote ${target}\n`);
