import type { jobRoutes } from '@contract/routes/jobs';
import type { HandlersFor } from './types';

export const jobHandlers = {
  'jobs.list': (_input, ctx) => ctx.jobs.list(),
  'jobs.cancel': ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
} satisfies HandlersFor<typeof jobRoutes>;
