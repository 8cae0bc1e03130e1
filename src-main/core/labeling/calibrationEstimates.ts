/**
 * Judge-corrected estimates for each model of the run: the mean score, pass rate or (pairwise)
 * win rate from the people's labels on the session's outputs plus the judge's verdicts on every
 * other output of that model — prediction-powered inference (classical and PPI++), next to the
 * human-only and judge-only estimates and the judge's measured bias (core/calibration/ppi.ts).
 * The interval assumes the people labelled a uniform random sample of the outputs; sessions
 * that oversampled say so.
 */
import type { PpiEstimate } from '@contract/routes/calibrationSchemas';
import { labelOf } from '../agreement/coding';
import { ppiMean, predictionPoweredEstimate } from '../calibration/ppi';
import type { CalibrationData, CodedTask } from './calibrationData';
import type { JudgeReading } from './judgeReadings';
import { finite, interval } from './serialise';

interface Sample {
  y: number[];
  f: number[];
  unlabelled: number[];
}

function samplingWarning(data: CalibrationData): string | null {
  const s = data.session.config.sampling;
  if (s.strategy === 'all' || s.strategy === 'random') return null;
  if (s.strategy === 'stratified' && s.allocation === 'proportional') return null;
  return `the people's set was drawn with "${s.strategy}${s.strategy === 'stratified' ? ` (${s.allocation})` : ''}", not uniformly: the interval assumes a uniform sample`;
}

export function ppiEstimates(
  data: CalibrationData,
  coded: readonly CodedTask[],
  cellModels: ReadonlyMap<string, string>,
  confidenceLevel: number,
  notes: string[],
): PpiEstimate[] {
  const { coding, measure } = data;
  const pairwise = data.session.row.kind === 'pairwise';
  const judgeValue = (r: JudgeReading | null): number | null => {
    if (!r) return null;
    if (measure === 'pass') return r.isPass === null ? null : r.isPass ? 1 : 0;
    return r.value;
  };
  const humanValue = (t: CodedTask): number | null => {
    if (t.human === null) return null;
    const label = labelOf(coding, t.human);
    if (measure === 'pass') return label === 'pass' ? 1 : 0;
    if (measure === 'score') return Number(label);
    if (label === 'tie') return 0.5;
    return label === t.task.models[t.task.candidateIndex ?? 0] ? 1 : 0;
  };
  const inSession = new Set(
    data.tasks
      .flatMap((t) => [t.row.cell_id, t.row.cell_b_id])
      .filter((c): c is string => c !== null),
  );
  const samples = new Map<string, Sample>();
  const sample = (model: string) => {
    let s = samples.get(model);
    if (!s) samples.set(model, (s = { y: [], f: [], unlabelled: [] }));
    return s;
  };
  for (const t of coded) {
    const y = humanValue(t);
    const f = judgeValue(t.task.reading);
    const model = t.task.models[pairwise ? (t.task.candidateIndex ?? 0) : 0];
    if (y === null || f === null || model === undefined) continue;
    sample(model).y.push(y);
    sample(model).f.push(f);
  }
  for (const [cellId, reading] of data.readings) {
    if (inSession.has(cellId) || (pairwise && reading.baselineCellId === null)) continue;
    const f = judgeValue(reading);
    const model = cellModels.get(cellId);
    if (f !== null && model !== undefined && samples.has(model)) sample(model).unlabelled.push(f);
  }
  const warning = samplingWarning(data);
  const quantity = pairwise ? 'win rate' : measure === 'pass' ? 'pass rate' : 'mean score';
  const out: PpiEstimate[] = [];
  for (const [modelKey, s] of [...samples].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (s.y.length < 2 || s.unlabelled.length < 2) {
      notes.push(
        `No judge-corrected estimate for ${modelKey}: it needs at least 2 outputs labelled by people and 2 by the judge only (has ${s.y.length} and ${s.unlabelled.length}).`,
      );
      continue;
    }
    const input = { human: s.y, judgeOnLabelled: s.f, judgeOnUnlabelled: s.unlabelled };
    const report = predictionPoweredEstimate(input, { confidenceLevel });
    const tuned = ppiMean(input, { confidenceLevel, powerTuning: true });
    out.push({
      modelKey,
      quantity,
      n: report.n,
      bigN: report.bigN,
      ppi: { ...interval(report.ppi), lambda: finite(report.ppi.lambda) },
      ppiPlusPlus: { ...interval(tuned), lambda: finite(tuned.lambda) },
      humanOnly: interval(report.humanOnly),
      judgeOnly: interval(report.judgeOnly),
      judgeBias: interval(report.judgeBias),
      warning,
    });
  }
  return out;
}
