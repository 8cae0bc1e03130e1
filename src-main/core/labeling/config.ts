/**
 * A session's stored configuration (the `config` JSON of labeling_sessions): the sources it
 * rates, its rubric, sampling, overlap and seed, and the question's scheme hash. Parsed with
 * the contract's schemas, so a stored session always reads back with the same defaults.
 */
import { z } from 'zod';
import { ModelRef, Overlap, Rubric, Sampling } from '@contract/routes/labelingSchemas';
import { notFound } from '../apiError';
import type { SessionRow } from '../db/repos/labeling';
import type { LabelingRepo } from '../db/repos/labeling';

export const SessionConfig = z.object({
  v: z.literal(1),
  runIds: z.array(z.string()),
  models: z.array(z.string()).nullable(),
  pair: z.object({ a: ModelRef, b: ModelRef }).nullable(),
  rubric: Rubric,
  sampling: Sampling,
  overlap: Overlap,
  seed: z.string(),
  schemeHash: z.string(),
  /** The models (or sides) rated, as shown when the session is not blind. */
  sources: z.array(z.object({ runId: z.string().nullable(), modelKey: z.string() })),
  /** Set when the session arrived from a portable file. */
  imported: z.object({ fileName: z.string().nullable(), importedAt: z.string() }).nullable(),
});
export type SessionConfig = z.infer<typeof SessionConfig>;

export interface LoadedSession {
  row: SessionRow;
  config: SessionConfig;
}

export function parseConfig(row: SessionRow): SessionConfig {
  return SessionConfig.parse(JSON.parse(row.config));
}

/** The session and its parsed config, or a not_found error. */
export function loadSession(repo: LabelingRepo, sessionId: string): LoadedSession {
  const row = repo.session(sessionId);
  if (!row) throw notFound('labeling session', sessionId);
  return { row, config: parseConfig(row) };
}
