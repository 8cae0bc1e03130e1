import { z } from 'zod';
import { defineEvent, defineRoute } from '../define';
import { Empty, Id, IsoTime } from '../common';

export const JobStatus = z.enum(['running', 'completed', 'failed', 'cancelled']);

/** A long action (import, scan, scoring, export…) with progress and a way to cancel it. */
export const JobSummary = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  /** What the job works on by id (e.g. `run run_01…`), for a tooltip: titles use names. */
  subject: z.string().nullable(),
  status: JobStatus,
  done: z.number(),
  total: z.number().nullable(),
  /** Items per second over the recent past. */
  rate: z.number().nullable(),
  etaMs: z.number().nullable(),
  message: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const jobRoutes = {
  'jobs.list': defineRoute({
    kind: 'query',
    description: 'Long actions of this session, newest first.',
    input: Empty,
    output: z.array(JobSummary),
  }),
  'jobs.cancel': defineRoute({
    kind: 'command',
    description: 'Ask a running job to stop; it ends as cancelled, keeping what it saved.',
    input: z.strictObject({ jobId: Id }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};

export const jobEvents = {
  'job.progress': defineEvent({
    description: 'A running job advanced (throttled to a few per second).',
    payload: JobSummary,
  }),
  'job.finished': defineEvent({
    description: 'A job completed, failed or was cancelled.',
    payload: JobSummary,
  }),
};
