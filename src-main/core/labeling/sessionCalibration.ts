/**
 * A judge against a human session over the same outputs (what the Calibrate screen and
 * `yardstick calibrate --judge-scorer … --session …` show): agreement, κ, Spearman and Kendall
 * with intervals, the confusion matrix, the disagreements side by side with the content, the
 * judge against each person, scale use, bias probes and judge-corrected estimates.
 */
import type { SessionCalibration } from '@contract/routes/calibrationSchemas';
import { cohensKappa } from '../agreement/cohen';
import { agreementRate } from '../agreement/confusion';
import { krippendorffAlpha } from '../agreement/krippendorff';
import { compareJudgeWithHumans } from '../calibration/judgeVsHuman';
import { scaleUse } from '../calibration/scaleUse';
import type { CoreContext } from '../context';
import {
  calibrationData,
  codeSession,
  type CalibrationData,
  type CalibrationRequest,
  type CodedSession,
} from './calibrationData';
import { ppiEstimates } from './calibrationEstimates';
import { positionProbe, selfPreferenceProbe, verbosityProbe } from './calibrationProbes';
import { labelingRepo } from './repo';
import { correlation, finite, interval } from './serialise';
import { contentOf } from './taskContent';

const maxText = 4000;
const clip = (text: string) => (text.length > maxText ? `${text.slice(0, maxText)}…` : text);

function disagreementsOf(
  data: CalibrationData,
  comparison: ReturnType<typeof compareJudgeWithHumans>,
): SessionCalibration['disagreements'] {
  const tasks = new Map(data.tasks.map((t) => [t.row.id, t]));
  return comparison.disagreements.slice(0, 50).map((d) => {
    const t = tasks.get(d.itemId);
    const content = t ? contentOf(t.row) : null;
    const pairwise = data.session.row.kind === 'pairwise';
    return {
      taskId: d.itemId,
      position: t?.row.position ?? -1,
      itemKey: content?.itemKey ?? '',
      judge: d.judge,
      human: d.human,
      distance: d.distance,
      judgeReasoning: d.judgeReasoning,
      humanNotes: (t?.humans ?? [])
        .filter((h) => h.note !== null)
        .map((h) => ({ rater: h.rater, note: h.note as string })),
      input: clip(content?.input ?? ''),
      outputs: (content?.outputs ?? []).map((o, i) => ({
        label: pairwise
          ? i === t?.candidateIndex
            ? 'judge candidate'
            : 'judge baseline'
          : 'output',
        model: o.model,
        text: clip(o.text),
      })),
    };
  });
}

function perHuman(data: CalibrationData, session: CodedSession, confidenceLevel: number) {
  const judgeByTask = new Map(session.coded.map((c) => [c.task.row.id, c.judge]));
  const judge = session.matrix.unitIds.map((id) => judgeByTask.get(id) ?? null);
  const weighting = data.level === 'nominal' ? 'none' : 'quadratic';
  return session.matrix.raterIds.map((rater, r) => {
    const human = session.matrix.values.map((row) => row[r] ?? null);
    const rate = agreementRate(human, judge, confidenceLevel);
    return {
      rater,
      agreement: { ...interval(rate), agreements: rate.agreements, total: rate.total },
      kappa: finite(cohensKappa(human, judge, { weighting, categories: data.coding.values }).kappa),
    };
  });
}

export function sessionCalibration(
  ctx: CoreContext,
  request: CalibrationRequest & { confidenceLevel: number; resamples: number },
): SessionCalibration {
  const data = calibrationData(ctx, request);
  const session = codeSession(data);
  const { confidenceLevel } = request;
  const items = session.coded.flatMap((c) =>
    c.judge === null || c.human === null
      ? []
      : [
          {
            itemId: c.task.row.id,
            judge: c.judge,
            human: c.human,
            judgeReasoning: c.task.reading?.reasoning ?? null,
            humanNote:
              c.task.humans
                .filter((h) => h.note !== null)
                .map((h) => `${h.rater}: ${h.note ?? ''}`)
                .join('\n') || null,
          },
        ],
  );
  const comparison = compareJudgeWithHumans(items, data.coding, {
    confidenceLevel,
    bootstrap: { resamples: request.resamples, seed: request.sessionId },
  });
  const compared = new Set(items.map((i) => i.itemId));
  const complete = session.coded.filter((c) => compared.has(c.task.row.id));
  const repo = labelingRepo(ctx);
  const modelNames = new Map(repo.runModels(request.runId).map((m) => [m.model_key, m.model]));
  const cellModels = new Map(
    repo.answeredCells(request.runId).map((c) => [c.cell_id, c.model_key]),
  );
  const notes = [...data.notes];
  if (session.unresolved > 0)
    notes.push(`${session.unresolved} task(s) have no human consensus (the raters tied).`);
  const pairable = session.matrix.values.some((row) => row.filter((v) => v !== null).length > 1);
  return {
    sessionId: request.sessionId,
    runId: request.runId,
    scorerKey: request.scorerKey,
    scorerType: data.scorer.spec.type,
    variantId: request.variantId ?? null,
    measure: data.measure,
    level: data.level,
    labels: data.coding.labels,
    humans: {
      raters: [...session.matrix.raterIds],
      items: session.matrix.unitIds.length,
      consensus: session.method,
      unresolved: session.unresolved,
      krippendorffAlpha: pairable
        ? finite(krippendorffAlpha(session.matrix.values, data.level).alpha)
        : null,
    },
    comparison: {
      n: comparison.n,
      agreement: {
        ...interval(comparison.agreement),
        agreements: comparison.agreement.agreements,
        total: comparison.agreement.total,
      },
      kappa: finite(comparison.cohen.kappa),
      weighting: comparison.cohen.weighting,
      kappaInterval: interval(comparison.cohen.interval),
      kappaBootstrap: interval(comparison.cohen.bootstrap),
      spearman: correlation(comparison.spearman),
      kendall: correlation(comparison.kendall),
      confusion: { labels: comparison.confusion.labels, counts: comparison.confusion.counts },
    },
    perHuman: perHuman(data, session, confidenceLevel),
    disagreements: disagreementsOf(data, comparison),
    scaleUse: scaleUseOf(data, items),
    positionBias: positionProbe(data, confidenceLevel),
    verbosity: verbosityProbe(
      data,
      complete.length > 0 ? complete : session.coded,
      confidenceLevel,
    ),
    selfPreference: selfPreferenceProbe(data, complete, modelNames, confidenceLevel),
    estimates: ppiEstimates(data, session.coded, cellModels, confidenceLevel, notes),
    notes,
  };
}

function scaleUseOf(
  data: CalibrationData,
  items: readonly { judge: number; human: number }[],
): SessionCalibration['scaleUse'] {
  if (items.length === 0) return null;
  const s = scaleUse(
    items.map((i) => i.judge),
    items.map((i) => i.human),
    data.coding,
  );
  const dist = (d: typeof s.judge) => ({
    counts: d.counts,
    shares: d.shares.map(finite),
    mean: finite(d.mean),
    standardDeviation: finite(d.standardDeviation),
    unused: d.unused,
  });
  return {
    labels: s.labels,
    judge: dist(s.judge),
    human: dist(s.human),
    totalVariation: finite(s.totalVariation),
    homogeneity: {
      chiSquare: finite(s.homogeneity.chiSquare),
      df: finite(s.homogeneity.df),
      pValue: finite(s.homogeneity.pValue),
    },
    marginalHomogeneity: s.marginalHomogeneity
      ? {
          statistic: finite(s.marginalHomogeneity.statistic),
          df: finite(s.marginalHomogeneity.df),
          pValue: finite(s.marginalHomogeneity.pValue),
        }
      : null,
  };
}
