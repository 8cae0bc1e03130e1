import { create } from 'zustand';
import type { RunDetail } from '@contract/index';
import type { PairwiseMatrix, RunCharts, SuiteTrends } from '@contract/routes/reports';
import type { RouteOutput } from '@contract/index';
import type { RunScoreSummary } from '@contract/routes/scoring';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

type Breakdown = RouteOutput<'scoring.breakdown'>;

interface ResultsState {
  runId: string | null;
  /** The scorer the matrix, heat map, category and trend charts show. */
  scorerKey: string | null;
  detail: Loadable<RunDetail>;
  summary: Loadable<RunScoreSummary>;
  charts: Loadable<RunCharts>;
  pairwise: Loadable<PairwiseMatrix>;
  breakdown: Loadable<Breakdown>;
  trends: Loadable<SuiteTrends>;
  open: (runId: string) => Promise<void>;
  selectScorer: (scorerKey: string) => void;
  reload: () => Promise<void>;
}

async function load<T>(
  get: () => ResultsState,
  runId: string,
  key: 'detail' | 'summary' | 'charts' | 'pairwise' | 'breakdown' | 'trends',
  set: (partial: Partial<ResultsState>) => void,
  fetch: () => Promise<T>,
): Promise<void> {
  set({ [key]: { status: 'loading' } });
  try {
    const value = await fetch();
    if (get().runId === runId) set({ [key]: { status: 'ready', value } });
  } catch (error) {
    if (get().runId === runId) set({ [key]: { status: 'error', message: errorMessage(error) } });
  }
}

/** The results overview of one run: every figure comes from a core route. */
export const useResults = create<ResultsState>((set, get) => {
  const loadScorerViews = async () => {
    const { runId, scorerKey } = get();
    if (!api || !runId || !scorerKey) return;
    const client = api;
    await Promise.all([
      load(get, runId, 'pairwise', set, () =>
        client.call('reports.pairwise', { runId, scorerKey }),
      ),
      load(get, runId, 'breakdown', set, () =>
        client.call('scoring.breakdown', { runId, scorerKey, by: 'category' }),
      ),
    ]);
  };
  return {
    runId: null,
    scorerKey: null,
    detail: { status: 'idle' },
    summary: { status: 'idle' },
    charts: { status: 'idle' },
    pairwise: { status: 'idle' },
    breakdown: { status: 'idle' },
    trends: { status: 'idle' },
    async open(runId) {
      if (get().runId !== runId) set({ runId, scorerKey: null });
      await get().reload();
    },
    selectScorer(scorerKey) {
      set({ scorerKey });
      void loadScorerViews();
    },
    async reload() {
      const { runId } = get();
      if (!api || !runId) return;
      const client = api;
      await Promise.all([
        load(get, runId, 'detail', set, () => client.call('runs.get', { runId })),
        load(get, runId, 'summary', set, () => client.call('scoring.summary', { runId })),
        load(get, runId, 'charts', set, () => client.call('reports.charts', { runId })),
        load(get, runId, 'trends', set, () => client.call('reports.trends', { runId })),
      ]);
      const summary = get().summary;
      if (summary.status !== 'ready') return;
      const keys = summary.value.scorers.map((s) => s.key);
      const current = get().scorerKey;
      const scorerKey = current && keys.includes(current) ? current : (keys[0] ?? null);
      set({ scorerKey });
      await loadScorerViews();
    },
  };
});

/**
 * Keeps the overview current when its run is scored again, a score is overridden, or a lost
 * connection comes back.
 */
export function bindResultsEvents(): () => void {
  if (!api) return () => undefined;
  const offScored = api.on('scoring.finished', (e) => {
    if (e.runId === useResults.getState().runId) void useResults.getState().reload();
  });
  const offChanged = api.on('workspace.changed', (e) => {
    if (e.domain === 'scoring') void useResults.getState().reload();
  });
  const offReconnected = onReconnected(() => void useResults.getState().reload());
  return () => {
    offScored();
    offChanged();
    offReconnected();
  };
}
