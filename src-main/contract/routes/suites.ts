import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty, Id, IsoTime, Sha256 } from '../common';

export const SuiteSummary = z.object({
  id: Id,
  name: z.string(),
  contentHash: Sha256,
  sourcePath: z.string().nullable(),
  createdAt: IsoTime,
});
export type SuiteSummary = z.infer<typeof SuiteSummary>;

/** A problem in a suite file, located by file, line, column and field path. */
export const SuiteIssue = z.object({
  file: z.string(),
  /** 1-based; 0 when the problem has no place in the text. */
  line: z.number().int(),
  column: z.number().int(),
  /** Field path such as `models[0].params.temperature`. */
  path: z.string(),
  message: z.string(),
});
export type SuiteIssue = z.infer<typeof SuiteIssue>;

const SuiteText = z.strictObject({
  yaml: z.string(),
  /** Shown in issues as the file name (default `suite.yaml`). */
  sourcePath: z.string().optional(),
});

export const suiteRoutes = {
  'suites.list': defineRoute({
    kind: 'query',
    description: 'Every stored suite (the latest text of each name).',
    input: Empty,
    output: z.array(SuiteSummary),
  }),
  'suites.get': defineRoute({
    kind: 'query',
    description: 'One suite with its YAML text.',
    input: z.strictObject({ suiteId: Id }),
    output: SuiteSummary.extend({ yaml: z.string() }),
  }),
  'suites.validate': defineRoute({
    kind: 'query',
    description:
      'Checks a suite: structure (YAML and schema) and references (dataset, providers, prompt variables).',
    input: SuiteText,
    output: z.object({
      ok: z.boolean(),
      issues: z.array(SuiteIssue),
      /** What it would run, when valid. */
      plan: z
        .object({
          name: z.string(),
          datasetVersionId: Id,
          itemCount: z.number().int(),
          promptCount: z.number().int(),
          modelCount: z.number().int(),
          repeats: z.number().int(),
          cellCount: z.number().int(),
        })
        .nullable(),
    }),
  }),
  'suites.save': defineRoute({
    kind: 'command',
    description:
      'Stores a suite text (content-addressed). Refused when its structure is invalid; reference problems are returned.',
    input: SuiteText,
    output: SuiteSummary.extend({ isNew: z.boolean(), issues: z.array(SuiteIssue) }),
  }),
  'suites.schema': defineRoute({
    kind: 'query',
    description: 'The JSON Schema of the suite format (for editor completion and validation).',
    input: Empty,
    output: z.record(z.string(), z.unknown()),
  }),
};
