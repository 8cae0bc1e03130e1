import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty } from '../common';

/** Secret names look like environment variables: OPENAI_API_KEY, ANTHROPIC_API_KEY, … */
export const SecretName = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'use UPPER_SNAKE_CASE');

/**
 * What the renderer may know of a secret: never its value, only whether it is set, where
 * it comes from, and its last four characters.
 */
export const SecretStatus = z.object({
  name: SecretName,
  isSet: z.boolean(),
  last4: z.string().max(4).nullable(),
  source: z.enum(['environment', 'stored', 'none']),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const secretRoutes = {
  'secrets.list': defineRoute({
    kind: 'query',
    description: 'Status of every known secret (never the values).',
    input: Empty,
    output: z.array(SecretStatus),
  }),
  'secrets.set': defineRoute({
    kind: 'command',
    description: 'Store a secret (write-only): the value never comes back.',
    input: z.strictObject({ name: SecretName, value: z.string().min(1).max(10_000) }),
    output: SecretStatus,
  }),
  'secrets.delete': defineRoute({
    kind: 'command',
    description: 'Forget a stored secret; environment variables are unaffected.',
    input: z.strictObject({ name: SecretName }),
    output: SecretStatus,
  }),
};
