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
};
