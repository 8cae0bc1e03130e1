/**
 * Agreement among a session's raters (what the Label screen's summary and `yardstick agreement
 * --session` show), computed by core/agreement on the session's labels: Krippendorff's α,
 * Fleiss' κ, each pair's agreement and Cohen's κ (weighted for scores), rank correlations,
 * per-rater bias and drift, and the items with the most disagreement. An item the viewer still
 * has to rate is withheld from that list (see blindView.ts).
 */
import type { Measure, SessionAgreement } from '@contract/routes/calibrationSchemas';
import { buildRatingMatrix, codeLabels, labelOf } from '../agreement/coding';
import { agreementReport } from '../agreement/report';
import { chanceAgreementNotes } from '../agreement/chanceNote';
import type { CoreContext } from '../context';
import { loadSession } from './config';
import { blindView } from './blindView';
import { labelingRepo } from './repo';
import { correlation, finite, interval } from './serialise';
import { measureScale, unitLabels } from './sessionLabels';
import { readState } from './summary';

export interface AgreementRequest {
  sessionId: string;
  measure?: Measure | undefined;
  viewerRaterId?: string | undefined;
  confidenceLevel: number;
  resamples: number;
}

export function sessionAgreement(ctx: CoreContext, request: AgreementRequest): SessionAgreement {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, request.sessionId);
  const state = readState(repo, session);
  const rows = repo.taskContents(request.sessionId);
  const { measure, level, scale } = measureScale(session, request.measure);
  const labels = unitLabels(session, state, rows, measure);
  const coding = codeLabels(
    labels.map((l) => l.label),
    level,
    scale.length > 0 ? scale : undefined,
  );
  const names = new Map(labels.map((l) => [l.raterId, l.rater]));
  const matrix = buildRatingMatrix(
    labels.map((l) => ({ unitId: l.taskId, raterId: l.raterId, label: l.label, order: l.order })),
    coding,
  );
  const report = agreementReport(matrix, coding, {
    confidenceLevel: request.confidenceLevel,
    bootstrap: { resamples: request.resamples, seed: request.sessionId },
    top: 50,
  });
  const nameOf = (id: string) => names.get(id) ?? id;
  const byTask = new Map(rows.map((r) => [r.id, r]));
  const notes = new Map(labels.map((l) => [`${l.taskId}\u0000${l.raterId}`, l.note]));
  const overlapping = matrix.values.filter(
    (row) => row.filter((v) => v !== null).length > 1,
  ).length;
  const view = blindView(session, state, request.viewerRaterId);
  const hidden = (taskId: string) => {
    const task = byTask.get(taskId);
    return task === undefined || view.withholds(task);
  };
  const disagreed = report.mostDisagreed;
  const visible = disagreed.filter((u) => !hidden(u.unitId));
  const shown = visible.slice(0, 20);
  const withheld = disagreed.length - visible.length;
  const explain: string[] = [];
  if (labels.length === 0) explain.push('No labels yet.');
  else if (overlapping === 0)
    explain.push('No item has two ratings yet: agreement needs overlap (double-rated items).');
  else if (!Number.isFinite(report.krippendorff.alpha))
    explain.push(
      'Every rating of the items rated twice is the same label: with no variation, chance-corrected agreement (α, κ) is undefined.',
    );
  else explain.push(...chanceAgreementNotes(report.pairs, nameOf));
  return {
    sessionId: request.sessionId,
    measure,
    level,
    labels: coding.labels,
    units: matrix.unitIds.length,
    raters: report.raters.map(nameOf),
    ratings: report.ratings,
    overlappingUnits: overlapping,
    krippendorff: {
      alpha: finite(report.krippendorff.alpha),
      interval: interval(report.krippendorff.interval),
      pairableUnits: report.krippendorff.pairableUnits,
    },
    fleiss: report.fleiss
      ? {
          kappa: finite(report.fleiss.kappa),
          interval: interval(report.fleiss.interval),
          units: report.fleiss.units,
        }
      : null,
    pairwiseAgreement: {
      estimate: finite(report.pairwiseAgreement.estimate),
      pairs: report.pairwiseAgreement.pairs,
    },
    pairs: report.pairs.map((p) => ({
      raters: [nameOf(p.raters[0]), nameOf(p.raters[1])] as [string, string],
      n: p.n,
      agreement: {
        ...interval(p.agreement),
        agreements: p.agreement.agreements,
        total: p.agreement.total,
      },
      kappa: finite(p.cohen.kappa),
      weighting: p.cohen.weighting,
      kappaInterval: interval(p.cohen.interval),
      spearman: correlation(p.spearman),
      kendall: correlation(p.kendall),
    })),
    raterDiagnostics: report.raterDiagnostics.map(({ bias, drift }) => ({
      rater: nameOf(bias.raterId),
      ratings: bias.ratings,
      sharedUnits: bias.sharedUnits,
      meanOffset: bias.meanOffset ? interval(bias.meanOffset) : null,
      categoryUse: bias.categoryUse.map((c) => ({
        label: labelOf(coding, c.value),
        share: finite(c.share),
        othersShare: finite(c.othersShare),
      })),
      drift: {
        measure: drift.measure,
        compared: drift.compared,
        windows: drift.windows.map((w) => ({ from: w.from, to: w.to, score: finite(w.score) })),
        trend: correlation(drift.trend),
      },
    })),
    mostDisagreed: shown.map((u) => {
      const row = byTask.get(u.unitId);
      return {
        taskId: u.unitId,
        position: row?.position ?? -1,
        itemKey:
          row?.item_key ??
          (row?.payload ? (JSON.parse(row.payload) as { itemKey: string }).itemKey : ''),
        disagreement: finite(u.disagreement),
        ratings: u.ratings.map((r) => ({
          rater: nameOf(r.raterId),
          label: r.label,
          note: notes.get(`${u.unitId}\u0000${r.raterId}`) ?? null,
        })),
      };
    }),
    withheld,
    withheldReason: view.reason(withheld),
    notes: explain,
  };
}
