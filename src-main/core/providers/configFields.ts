import { z } from 'zod';

/** Config fields shared by the HTTP provider kinds; descriptions reach the UI through JSON Schema. */
export const baseUrlField = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .describe('Base URL of the API');

export const secretNameField = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'use UPPER_SNAKE_CASE, like an environment variable')
  .describe('Name of the secret (environment variable or stored secret) holding the API key');

export const maxConnectionsField = z
  .number()
  .int()
  .min(1)
  .max(4096)
  .optional()
  .describe('Keep-alive connections to open at most; the engine sets it to the concurrency');

/** Headers that carry credentials: keys belong in the secret store, never in a config. */
const credentialHeaders =
  /^(authorization|proxy-authorization|api-key|x-api-key|x-goog-api-key|cookie)$/i;

export const extraHeadersField = z
  .record(z.string(), z.string())
  .superRefine((headers, ctx) => {
    for (const name of Object.keys(headers)) {
      if (!/^[A-Za-z0-9-]+$/.test(name))
        ctx.addIssue({ code: 'custom', path: [name], message: 'not a header name' });
      else if (credentialHeaders.test(name))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'keys go in a secret (apiKeySecret), not in headers',
        });
    }
  })
  .optional()
  .describe('Extra HTTP headers sent with every request (never keys: use apiKeySecret)');
