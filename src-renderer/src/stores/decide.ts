import { create } from 'zustand';
import type { RouteOutput } from '@contract/index';
import type { Decision } from '@contract/routes/scoring';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

type Criteria = RouteOutput<'reports.criteria'>;

interface DecideState {
  runId: string | null;
  baselineRunId: string | null;
  /** The baseline run's models; a choice is needed when there are several. */
  baselineModels: string[];
  baselineModel: string | null;
  /** Weight overrides by metric (the suite's weights otherwise). */
  weights: Record<string, number>;
  criteria: Loadable<Criteria>;
  history: Loadable<Decision[]>;
  selectedDecisionId: string | null;
  deciding: { modelKey: string } | null;
  decideError: string | null;
  selectRun: (runId: string) => Promise<void>;
  selectBaseline: (runId: string | null) => Promise<void>;
  selectBaselineModel: (modelKey: string) => Promise<void>;
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
  baselineModels: [],
  baselineModel: null,
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
      baselineModels: [],
      baselineModel: null,
      weights: {},
      criteria: { status: 'idle' },
      history: { status: 'idle' },
      selectedDecisionId: null,
      decideError: null,
    });
    await Promise.all([get().loadCriteria(), get().loadHistory()]);
  },
  async selectBaseline(baselineRunId) {
    set({ baselineRunId, baselineModels: [], baselineModel: null });
    if (baselineRunId && api) {
      try {
        const detail = await api.call('runs.get', { runId: baselineRunId });
        if (get().baselineRunId !== baselineRunId) return;
        const models = detail.models.map((m) => m.modelKey);
        // Several models: compare with the first until another is picked (the picker shows).
        set({ baselineModels: models, baselineModel: models.length > 1 ? models[0]! : null });
      } catch (error) {
        set({ criteria: { status: 'error', message: errorMessage(error) } });
        return;
      }
    }
    await get().loadCriteria();
  },
  async selectBaselineModel(baselineModel) {
    set({ baselineModel });
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
    const { runId, baselineRunId, baselineModel, weights } = get();
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
        ...(baselineRunId && baselineModel ? { baselineModel } : {}),
        ...(Object.keys(weights).length ? { weights } : {}),
      });
      const now = get();
      if (
        now.runId === runId &&
        now.baselineRunId === baselineRunId &&
        now.baselineModel === baselineModel
      )
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
    const { runId, baselineRunId, baselineModel, weights } = get();
    if (!api || !runId) return;
    set({ deciding: { modelKey }, decideError: null });
    try {
      const decision = await api.call('scoring.decide', {
        runId,
        modelKey,
        ...(baselineRunId ? { baselineRunId } : {}),
        ...(baselineRunId && baselineModel ? { baselineModel } : {}),
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
