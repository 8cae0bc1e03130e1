import { z } from 'zod';
import { SuiteSpec } from './schema';

/** Where the suite format's JSON Schema is published (its `$id`). */
export const suiteSchemaId = 'https://yardstick.dev/schemas/suite.schema.json';

/**
 * The suite format as JSON Schema (draft 2020-12), generated from the zod schema so the two
 * never disagree. It describes the *input* (fields with defaults are optional). The committed
 * copy is `schemas/suite.schema.json` (`npm run schema:suite`); a test keeps them equal.
 */
export function suiteJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SuiteSpec, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, $id: suiteSchemaId, title: 'Yardstick suite' };
}
