/** Sessions as listed and as opened: configuration, task counts and every rater's progress. */
import type {
  QueueStatus,
  RaterProgress,
  SessionDetail,
  SessionSummary,
} from '@contract/routes/labelingSchemas';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { LabelingRepo } from '../db/repos/labeling';
import { loadSession, type LoadedSession } from './config';
import {
  isComplete,
  progressFromStatuses,
  sessionState,
  statusFromRow,
  type SessionState,
} from './progress';
import { labelingRepo } from './repo';

export function readState(repo: LabelingRepo, session: LoadedSession): SessionState {
  return sessionState(
    repo.tasks(session.row.id),
    repo.labelsForSession(session.row.id, session.config.schemeHash),
  );
}

function summaryOf(session: LoadedSession, state: SessionState): SessionSummary {
  const { row, config } = session;
  const raters = new Set<string>();
  let labels = 0;
  for (const byRater of state.byContent.values()) {
    labels += byRater.size;
    for (const id of byRater.keys()) raters.add(id);
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    isBlind: row.is_blind === 1,
    status: row.status,
    createdAt: row.created_at,
    isImported: config.imported !== null,
    runIds: config.runIds,
    rubric: config.rubric,
    sampling: config.sampling,
    overlap: config.overlap,
    schemeHash: config.schemeHash,
    tasks: state.tasks.length,
    completeTasks: state.tasks.filter((t) => isComplete(state, t)).length,
    labels,
    raters: raters.size,
  };
}

export function sessionSummaries(ctx: CoreContext): SessionSummary[] {
  const repo = labelingRepo(ctx);
  return repo.sessions().map((row) => {
    const session = loadSession(repo, row.id);
    return summaryOf(session, readState(repo, session));
  });
}

export function sessionSummary(ctx: CoreContext, sessionId: string): SessionSummary {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, sessionId);
  return summaryOf(session, readState(repo, session));
}

/** A rater's statuses on the session's tasks, by position (SQL index lookups, no full read). */
export function statusesOf(
  repo: LabelingRepo,
  session: LoadedSession,
  raterId: string,
): { taskId: string; position: number; status: QueueStatus }[] {
  return repo
    .taskStatusRows(session.row.id, session.config.schemeHash, raterId)
    .map((row) => ({ taskId: row.id, position: row.position, status: statusFromRow(row) }));
}

export function progressOf(
  repo: LabelingRepo,
  session: LoadedSession,
  raterId: string,
  statuses = statusesOf(repo, session, raterId),
): RaterProgress {
  const rater = repo.rater(raterId);
  if (!rater) throw notFound('rater', raterId);
  return progressFromStatuses(
    statuses.map((s) => s.status),
    rater,
    repo.saveTimes(session.row.id, raterId),
  );
}

export function sessionDetail(ctx: CoreContext, sessionId: string): SessionDetail {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, sessionId);
  const state = readState(repo, session);
  const raterIds = new Set<string>();
  for (const byRater of state.byContent.values()) for (const id of byRater.keys()) raterIds.add(id);
  return {
    ...summaryOf(session, state),
    progress: [...raterIds]
      .map((id) => progressOf(repo, session, id))
      .sort((a, b) => a.rater.localeCompare(b.rater)),
    sources: session.config.sources,
  };
}
