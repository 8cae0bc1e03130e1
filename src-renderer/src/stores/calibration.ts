import { create } from 'zustand';
import type {
  CalibrationOptions,
  Measure,
  SessionCalibration,
  VariantComparison,
} from '@contract/routes/labeling';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

/** A judge is a scorer of a run: `runId|scorerKey`. */
export function judgeKey(runId: string, scorerKey: string): string {
  return `${runId}|${scorerKey}`;
}

function splitKey(key: string): { runId: string; scorerKey: string } {
  const at = key.indexOf('|');
  return { runId: key.slice(0, at), scorerKey: key.slice(at + 1) };
}

interface CalibrationState {
  sessionId: string | null;
  options: Loadable<CalibrationOptions>;
  judge: string | null;
  variantId: string | null;
  measure: Measure | null;
  report: Loadable<SessionCalibration>;
  comparison: Loadable<VariantComparison>;
  target: number;
  criterion: 'lower-bound' | 'estimate';
  selectSession: (sessionId: string) => Promise<void>;
  loadOptions: () => Promise<void>;
  selectJudge: (key: string) => void;
  selectVariant: (variantId: string | null) => void;
  selectMeasure: (measure: Measure) => void;
  setTarget: (target: number, criterion: 'lower-bound' | 'estimate') => void;
  loadReport: () => Promise<void>;
  loadComparison: () => Promise<void>;
  createVariant: (name: string, params: Record<string, unknown>) => Promise<string>;
}

export const useCalibration = create<CalibrationState>((set, get) => ({
  sessionId: null,
  options: { status: 'idle' },
  judge: null,
  variantId: null,
  measure: null,
  report: { status: 'idle' },
  comparison: { status: 'idle' },
  target: 0.8,
  criterion: 'lower-bound',
  async selectSession(sessionId) {
    set({
      sessionId,
      judge: null,
      variantId: null,
      measure: null,
      report: { status: 'idle' },
      comparison: { status: 'idle' },
    });
    await get().loadOptions();
  },
  async loadOptions() {
    const { sessionId } = get();
    if (!api || !sessionId) return;
    set({ options: { status: 'loading' } });
    try {
      const options = await api.call('calibration.options', { sessionId });
      if (get().sessionId !== sessionId) return;
      const current = get().judge;
      const first = options.judges[0];
      const keep = options.judges.some((j) => judgeKey(j.runId, j.scorerKey) === current);
      set({
        options: { status: 'ready', value: options },
        judge: keep ? current : first ? judgeKey(first.runId, first.scorerKey) : null,
      });
      await Promise.all([get().loadReport(), get().loadComparison()]);
    } catch (error) {
      set({ options: { status: 'error', message: errorMessage(error) } });
    }
  },
  selectJudge(key) {
    set({ judge: key, variantId: null });
    void get().loadReport();
    void get().loadComparison();
  },
  selectVariant(variantId) {
    set({ variantId });
    void get().loadReport();
  },
  selectMeasure(measure) {
    set({ measure });
    void get().loadReport();
    void get().loadComparison();
  },
  setTarget(target, criterion) {
    set({ target, criterion });
    void get().loadComparison();
  },
  async loadReport() {
    const { sessionId, judge, variantId, measure } = get();
    if (!api || !sessionId || !judge) return;
    set({ report: { status: 'loading' } });
    try {
      const report = await api.call('calibration.report', {
        sessionId,
        ...splitKey(judge),
        ...(variantId ? { variantId } : {}),
        ...(measure ? { measure } : {}),
      });
      if (get().judge === judge && get().variantId === variantId)
        set({ report: { status: 'ready', value: report } });
    } catch (error) {
      set({ report: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadComparison() {
    const { sessionId, judge, measure, target, criterion } = get();
    if (!api || !sessionId || !judge) return;
    set({ comparison: { status: 'loading' } });
    try {
      const comparison = await api.call('calibration.compareVariants', {
        sessionId,
        ...splitKey(judge),
        target,
        criterion,
        ...(measure ? { measure } : {}),
      });
      if (get().judge === judge) set({ comparison: { status: 'ready', value: comparison } });
    } catch (error) {
      set({ comparison: { status: 'error', message: errorMessage(error) } });
    }
  },
  async createVariant(name, params) {
    const { sessionId, judge } = get();
    if (!api || !sessionId || !judge) throw new Error('pick a session and a judge first');
    const { variantId } = await api.call('calibration.createVariant', {
      sessionId,
      ...splitKey(judge),
      name,
      params,
    });
    await get().loadOptions();
    return variantId;
  },
}));

/**
 * Keeps the screen current when a judge version finishes or a lost connection comes back; call
 * once while the screen is open.
 */
export function bindCalibrationEvents(): () => void {
  if (!api) return () => undefined;
  const reload = () => void useCalibration.getState().loadOptions();
  const offs = [api.on('calibration.variantFinished', reload), onReconnected(reload)];
  return () => offs.forEach((off) => off());
}
