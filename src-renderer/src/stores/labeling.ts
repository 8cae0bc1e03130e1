import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type {
  FailureMode,
  Queue,
  Rater,
  RaterProgress,
  SessionDetail,
  SessionSummary,
  ShownChoice,
  TaskView,
} from '@contract/routes/labeling';
import { api, ApiCallError } from '../api/client';
import { errorMessage, type Loadable } from './load';

/** What a key press (or click) asks to save; fields left out keep their value. */
export interface LabelChange {
  score?: number;
  choice?: ShownChoice;
  isPass?: boolean | null;
  note?: string | null;
  tags?: string[];
}

export interface SaveState {
  status: 'idle' | 'saving' | 'saved' | 'error';
  at: string | null;
  message: string | null;
}

interface LabelingState {
  raters: Loadable<Rater[]>;
  /** The rater using this laptop now (a UI preference, remembered). */
  raterId: string | null;
  sessions: Loadable<SessionSummary[]>;
  failureModes: FailureMode[];
  session: SessionDetail | null;
  queue: Queue | null;
  /** Index into the queue's entries of the task on screen. */
  cursor: number;
  task: Loadable<TaskView>;
  save: SaveState;
  /** Parts of a label given before its score or choice (a note, pass/fail): sent with it. */
  draft: LabelChange;
  /** A one-line message about the last action (undo, skip, everything rated). */
  notice: string | null;
  loadRaters: () => Promise<void>;
  addRater: (name: string) => Promise<void>;
  selectRater: (id: string | null) => void;
  loadSessions: () => Promise<void>;
  loadFailureModes: () => Promise<void>;
  addFailureMode: (name: string) => Promise<void>;
  openSession: (sessionId: string) => Promise<void>;
  closeSession: () => void;
  /** Runs rating actions one after another, in the order keys were pressed. */
  enqueue: (action: () => Promise<void>) => void;
  goTo: (index: number) => Promise<void>;
  move: (delta: number) => Promise<void>;
  skip: () => Promise<void>;
  /** Saves a change; `advance` moves on after it ('complete': once the label is whole). */
  submit: (change: LabelChange, advance: boolean | 'complete') => Promise<void>;
  setDraft: (change: LabelChange) => void;
  undo: () => Promise<void>;
}

let chain: Promise<void> = Promise.resolve();

/** The next task still waiting for this rater after `from`, wrapping around; -1 when none. */
export function nextPending(queue: Queue, from: number): number {
  const n = queue.entries.length;
  for (let step = 1; step <= n; step++) {
    const i = (from + step) % n;
    if (queue.entries[i]?.status === 'pending') return i;
  }
  return -1;
}

function withProgress(
  queue: Queue,
  progress: RaterProgress,
  taskId: string,
  status: Queue['entries'][number]['status'],
): Queue {
  return {
    ...queue,
    progress,
    entries: queue.entries.map((e) => (e.taskId === taskId ? { ...e, status } : e)),
  };
}

export const useLabeling = create<LabelingState>()(
  persist(
    (set, get) => ({
      raters: { status: 'idle' },
      raterId: null,
      sessions: { status: 'idle' },
      failureModes: [],
      session: null,
      queue: null,
      cursor: 0,
      task: { status: 'idle' },
      save: { status: 'idle', at: null, message: null },
      draft: {},
      notice: null,
      setDraft(change) {
        set({ draft: { ...get().draft, ...change } });
      },
      async loadRaters() {
        if (!api) return;
        try {
          const raters = await api.call('labeling.raters', {});
          const current = get().raterId;
          set({
            raters: { status: 'ready', value: raters },
            raterId: raters.some((r) => r.id === current) ? current : null,
          });
        } catch (error) {
          set({ raters: { status: 'error', message: errorMessage(error) } });
        }
      },
      async addRater(name) {
        if (!api) return;
        const rater = await api.call('labeling.addRater', { name });
        set({ raterId: rater.id });
        await get().loadRaters();
      },
      selectRater(id) {
        set({ raterId: id, session: null, queue: null, task: { status: 'idle' } });
      },
      async loadSessions() {
        if (!api) return;
        const previous = get().sessions;
        set({
          sessions: {
            status: 'loading',
            ...(previous.status === 'ready' ? { previous: previous.value } : {}),
          },
        });
        try {
          set({ sessions: { status: 'ready', value: await api.call('labeling.sessions', {}) } });
        } catch (error) {
          set({ sessions: { status: 'error', message: errorMessage(error) } });
        }
      },
      async loadFailureModes() {
        if (!api) return;
        set({ failureModes: await api.call('labeling.failureModes', {}) });
      },
      async addFailureMode(name) {
        if (!api) return;
        await api.call('labeling.addFailureMode', { name });
        await get().loadFailureModes();
      },
      async openSession(sessionId) {
        const raterId = get().raterId;
        if (!api || !raterId) return;
        set({
          task: { status: 'loading' },
          notice: null,
          save: { status: 'idle', at: null, message: null },
        });
        try {
          const [session, queue] = await Promise.all([
            api.call('labeling.session', { sessionId }),
            api.call('labeling.queue', { sessionId, raterId }),
          ]);
          const first = queue.entries.findIndex((e) => e.status === 'pending');
          set({ session, queue, cursor: Math.max(0, first) });
          if (first < 0) set({ notice: 'Nothing left for you to rate in this session.' });
          if (queue.entries.length > 0) await get().goTo(Math.max(0, first));
          else set({ task: { status: 'idle' } });
        } catch (error) {
          set({ task: { status: 'error', message: errorMessage(error) } });
        }
      },
      closeSession() {
        set({ session: null, queue: null, task: { status: 'idle' }, notice: null });
      },
      enqueue(action) {
        chain = chain.then(action).catch((error: unknown) => {
          set({ save: { status: 'error', at: null, message: errorMessage(error) } });
        });
      },
      async goTo(index) {
        const { queue, raterId } = get();
        const entry = queue?.entries[index];
        if (!api || !queue || !raterId || !entry) return;
        set({ cursor: index, task: { status: 'loading' }, draft: {} });
        try {
          const task = await api.call('labeling.task', {
            sessionId: queue.sessionId,
            taskId: entry.taskId,
            raterId,
          });
          // A later move may have happened meanwhile: keep only the task still asked for.
          if (get().queue?.entries[get().cursor]?.taskId === task.taskId)
            set({ task: { status: 'ready', value: task } });
        } catch (error) {
          set({ task: { status: 'error', message: errorMessage(error) } });
        }
      },
      async move(delta) {
        const { queue, cursor } = get();
        if (!queue) return;
        const index = Math.min(queue.entries.length - 1, Math.max(0, cursor + delta));
        if (index !== cursor) await get().goTo(index);
      },
      async skip() {
        const { queue, cursor } = get();
        if (!queue) return;
        const next = nextPending(queue, cursor);
        if (next < 0 || next === cursor) {
          set({ notice: 'No other task is waiting for you.' });
          return;
        }
        set({ notice: `Skipped task ${cursor + 1}; it stays in your queue.` });
        await get().goTo(next);
      },
      async submit(change, advance) {
        const { queue, raterId, cursor } = get();
        const entry = queue?.entries[cursor];
        if (!api || !queue || !raterId || !entry) return;
        const task = get().task;
        const hasLabel =
          task.status === 'ready' && task.value.myLabel !== null && !task.value.isInherited;
        const needs = get().session?.kind === 'pairwise' ? change.choice : change.score;
        if (!hasLabel && needs === undefined) {
          // Not a label yet (a note or pass/fail before the score): kept and sent with it.
          set({ draft: { ...get().draft, ...change }, notice: null });
          return;
        }
        const full = hasLabel ? change : { ...get().draft, ...change };
        set({ save: { status: 'saving', at: get().save.at, message: null } });
        try {
          const saved = await api.call('labeling.submit', {
            sessionId: queue.sessionId,
            taskId: entry.taskId,
            raterId,
            ...full,
          });
          const current = get().queue ?? queue;
          const updated = withProgress(current, saved.progress, entry.taskId, 'rated');
          const shown = get().task;
          set({
            queue: updated,
            draft: {},
            save: { status: 'saved', at: saved.label.updatedAt, message: null },
            notice: null,
            ...(shown.status === 'ready' && shown.value.taskId === entry.taskId
              ? {
                  task: {
                    status: 'ready',
                    value: { ...shown.value, myLabel: saved.label, isInherited: false },
                  },
                }
              : {}),
          });
          const rubric = get().session?.rubric;
          const whole =
            saved.label.choice !== null ||
            (saved.label.score !== null && (!rubric?.passFail || saved.label.isPass !== null));
          if (advance === false || (advance === 'complete' && !whole)) return;
          const next = nextPending(updated, cursor);
          if (next < 0) set({ notice: 'Every task of this session is rated. Thank you!' });
          else await get().goTo(next);
        } catch (error) {
          // A refusal (the task or session changed under the rater) is the screen's to explain:
          // features/label/filledMeanwhile.ts re-reads the state and says why.
          if (error instanceof ApiCallError && error.shape.code === 'refused') throw error;
          set({ save: { status: 'error', at: get().save.at, message: errorMessage(error) } });
        }
      },
      async undo() {
        const { queue, raterId } = get();
        if (!api || !queue || !raterId) return;
        try {
          const undone = await api.call('labeling.undo', { sessionId: queue.sessionId, raterId });
          if (!undone.taskId) {
            set({ notice: 'Nothing to undo.' });
            return;
          }
          const fresh = await api.call('labeling.queue', { sessionId: queue.sessionId, raterId });
          set({
            queue: fresh,
            notice: undone.action === 'removed' ? 'Label removed.' : 'Previous label restored.',
            save: { status: 'saved', at: new Date().toISOString(), message: null },
          });
          const index = fresh.entries.findIndex((e) => e.taskId === undone.taskId);
          if (index >= 0) await get().goTo(index);
          // A note or pass/fail given before the choice was saved with it: undoing the choice
          // keeps them on screen as a draft, sent again with the next choice.
          const kept = undone.removed;
          if (kept && (kept.note !== null || kept.isPass !== null) && get().cursor === index)
            set({
              draft: {
                ...(kept.note !== null ? { note: kept.note } : {}),
                ...(kept.isPass !== null ? { isPass: kept.isPass } : {}),
              },
            });
        } catch (error) {
          set({ save: { status: 'error', at: null, message: errorMessage(error) } });
        }
      },
    }),
    { name: 'yardstick.labeling', partialize: (s) => ({ raterId: s.raterId }) },
  ),
);
