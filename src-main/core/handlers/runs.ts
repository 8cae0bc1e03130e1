import type { runRoutes } from '@contract/routes/runs';
import type { HandlersFor } from './types';

export const runHandlers = {
  'runs.list': (_input, ctx) => ctx.repos.runs.list(),
} satisfies HandlersFor<typeof runRoutes>;
