import type { suiteRoutes } from '@contract/routes/suites';
import { notFound } from '../apiError';
import type { HandlersFor } from './types';

export const suiteHandlers = {
  'suites.list': (_input, ctx) => ctx.repos.suites.listLatest(),
  'suites.get': ({ suiteId }, ctx) => {
    const suite = ctx.repos.suites.get(suiteId);
    if (!suite) throw notFound('suite', suiteId);
    return suite;
  },
} satisfies HandlersFor<typeof suiteRoutes>;
