import { create } from 'zustand';
import type { RouteOutput } from '@contract/index';
import type { Decision } from '@contract/routes/scoring';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

type Criteria = RouteOutput<'reports.criteria'>;

interface DecideState {
  runId: string | null;
  baselineRunId: string | null;
  /** Weight overrides by metric (the suite's weights otherwise). */
  weights: Record<string, number>;
  criteria: Loadable<Criteria>;
  history: Loadable<Decision[]>;
  selectedDecisionId: string | null;
  deciding: { modelKey: string } | null;
  decideError: string | null;
  selectRun: (runId: string) => Promise<void>;
  selectBaseline: (runId: string | null) => Promise<void>;
  setWeight: (metric: string, weight: number) => Promise<void>;
  resetWeights: () => Promise<void>;
  selectDecision: (decisionId: string) => void;
  decide: (modelKey: string) => Promise<void>;
  loadCriteria: () => Promise<void>;
  loadHistory: () => Promise<void>;
}

/** The decision view: criteria for every candidate, recorded decisions and their history. */
export const useDecide = create<DecideState>((set, get) => ({
  runId: null,
  baselineRunId: null,
  weights: {},
  criteria: { status: 'idle' },
  history: { status: 'idle' },
  selectedDecisionId: null,
  deciding: null,
  decideError: null,
  async selectRun(runId) {
    if (get().runId === runId) return;
    set({
      runId,
      baselineRunId: null,
      weights: {},
      criteria: { status: 'idle' },
      history: { status: 'idle' },
      selectedDecisionId: null,
      decideError: null,
    });
    await Promise.all([get().loadCriteria(), get().loadHistory()]);
  },
  async selectBaseline(baselineRunId) {
    set({ baselineRunId });
    await get().loadCriteria();
  },
  async setWeight(metric, weight) {
    set({ weights: { ...get().weights, [metric]: weight } });
    await get().loadCriteria();
  },
  async resetWeights() {
    set({ weights: {} });
    await get().loadCriteria();
  },
  selectDecision(selectedDecisionId) {
    set({ selectedDecisionId });
  },
  async loadCriteria() {
    const { runId, baselineRunId, weights } = get();
    if (!api || !runId) return;
    const previous = get().criteria.status === 'ready' ? get().criteria : null;
    set({
      criteria: {
        status: 'loading',
        ...(previous?.status === 'ready' ? { previous: previous.value } : {}),
      },
    });
    try {
      const value = await api.call('reports.criteria', {
        runId,
        ...(baselineRunId ? { baselineRunId } : {}),
        ...(Object.keys(weights).length ? { weights } : {}),
      });
      if (get().runId === runId && get().baselineRunId === baselineRunId)
        set({ criteria: { status: 'ready', value } });
    } catch (error) {
      if (get().runId === runId)
        set({ criteria: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadHistory() {
    const { runId } = get();
    if (!api || !runId) return;
    try {
      const value = await api.call('scoring.decisions', { runId });
      if (get().runId !== runId) return;
      const selected = get().selectedDecisionId;
      set({
        history: { status: 'ready', value },
        selectedDecisionId:
          selected && value.some((d) => d.id === selected) ? selected : (value[0]?.id ?? null),
      });
    } catch (error) {
      set({ history: { status: 'error', message: errorMessage(error) } });
    }
  },
  async decide(modelKey) {
    const { runId, baselineRunId, weights } = get();
    if (!api || !runId) return;
    set({ deciding: { modelKey }, decideError: null });
    try {
      const decision = await api.call('scoring.decide', {
        runId,
        modelKey,
        ...(baselineRunId ? { baselineRunId } : {}),
        ...(Object.keys(weights).length ? { weights } : {}),
      });
      set({ selectedDecisionId: decision.id });
      await get().loadHistory();
    } catch (error) {
      set({ decideError: errorMessage(error) });
    } finally {
      set({ deciding: null });
    }
  },
}));
