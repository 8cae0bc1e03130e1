import { create } from 'zustand';
import type { JobSummary } from '@contract/index';
import { api, onReconnected } from '../api/client';

interface JobsState {
  /** Jobs of this session by id, updated from `job.progress` / `job.finished` events. */
  byId: Record<string, JobSummary>;
  /** Ids the user dismissed from the tray. */
  dismissed: Record<string, true>;
  upsert: (job: JobSummary) => void;
  dismiss: (id: string) => void;
  cancel: (id: string) => Promise<void>;
  load: () => Promise<void>;
}

/**
 * How long a job that ended well stays in the tray: long enough to see it finished, short
 * enough that finished jobs do not pile up over the page. Failed jobs stay until dismissed.
 */
const endedJobLingerMs = 4000;

export const useJobs = create<JobsState>((set, get) => ({
  byId: {},
  dismissed: {},
  upsert: (job) => {
    const before = get().byId[job.id];
    set((s) => ({ byId: { ...s.byId, [job.id]: job } }));
    const endedWell = job.status === 'completed' || job.status === 'cancelled';
    if (endedWell && before?.status !== job.status) {
      setTimeout(() => get().dismiss(job.id), endedJobLingerMs);
    }
  },
  dismiss: (id) => set((s) => ({ dismissed: { ...s.dismissed, [id]: true } })),
  async cancel(id) {
    await api?.call('jobs.cancel', { jobId: id });
  },
  async load() {
    if (!api) return;
    const jobs = await api.call('jobs.list', {});
    const known = get().byId;
    // Jobs that ended well before this window knew of them are history, not news. A job the
    // tray was showing that ended while the connection was lost shows how it ended, then goes.
    const endedWell = (j: JobSummary) => j.status === 'completed' || j.status === 'cancelled';
    const history = jobs.filter((j) => endedWell(j) && !known[j.id]);
    const endedUnseen = jobs.filter(
      (j) => endedWell(j) && known[j.id] && known[j.id]?.status !== j.status,
    );
    set((s) => ({
      byId: Object.fromEntries(jobs.map((j) => [j.id, j])),
      dismissed: {
        ...s.dismissed,
        ...Object.fromEntries(history.map((j) => [j.id, true as const])),
      },
    }));
    endedUnseen.forEach((j) => setTimeout(() => get().dismiss(j.id), endedJobLingerMs));
  },
}));

/** Binds job events to the store; call once at start-up. */
export function bindJobEvents(): () => void {
  if (!api) return () => undefined;
  const upsert = useJobs.getState().upsert;
  const offProgress = api.on('job.progress', upsert);
  const offFinished = api.on('job.finished', upsert);
  void useJobs.getState().load();
  // Jobs of a server that was restarted are gone from the list; those still running update.
  const offReconnected = onReconnected(
    () =>
      void useJobs
        .getState()
        .load()
        .catch(() => undefined),
  );
  return () => {
    offProgress();
    offFinished();
    offReconnected();
  };
}

/** Jobs the tray shows: running ones, and finished ones not yet dismissed. */
export function visibleJobs(state: JobsState): JobSummary[] {
  return Object.values(state.byId)
    .filter((job) => job.status === 'running' || !state.dismissed[job.id])
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
