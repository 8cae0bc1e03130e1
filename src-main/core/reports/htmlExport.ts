/**
 * The self-contained HTML report of a run (core/decisions/htmlReport.ts), for a stored decision
 * — so the file shows exactly the verdict the decision view shows — or, like `yardstick
 * report`, for a fresh evaluation when the run has one model or the model is named.
 */
import { writeFileSync } from 'node:fs';
import type { RouteOutput } from '@contract/index';
import type { ExportDestination } from '@contract/routes/reports';
import type { Decision } from '@contract/routes/scoring';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { decisionFromRow, evaluateDecision } from '../decisions/decide';
import { htmlReport } from '../decisions/htmlReport';
import { compareRuns } from '../scoring/analysis/compare';
import { summarizeRun } from '../scoring/analysis/summary';
import { ScoringRepo } from '../scoring/repo';
import { checkedOutputPath, fileStem } from './destination';

export interface HtmlExportInput {
  runId: string;
  decisionId?: string | undefined;
  modelKey?: string | undefined;
  baselineRunId?: string | undefined;
  baselineModel?: string | undefined;
  confidenceLevel: number;
  destination: ExportDestination;
}

function storedDecision(ctx: Pick<CoreContext, 'db'>, runId: string, decisionId: string): Decision {
  const row = new ScoringRepo(ctx.db).decisions(runId).find((d) => d.id === decisionId);
  if (!row) throw notFound(`decision of run ${runId}`, decisionId);
  return decisionFromRow(row);
}

/** Renders the report document of a run. */
export function renderRunReport(
  ctx: Pick<CoreContext, 'db'>,
  input: Omit<HtmlExportInput, 'destination'>,
): {
  html: string;
  title: string;
  runName: string;
  decision: Omit<Decision, 'id' | 'createdAt'> | null;
} {
  if (input.decisionId) {
    const decision = storedDecision(ctx, input.runId, input.decisionId);
    const summary = summarizeRun(ctx, input.runId, decision.confidenceLevel);
    const comparison = decision.baselineRunId
      ? compareRuns(ctx, {
          baselineRunId: decision.baselineRunId,
          baselineModel: decision.baselineModel ?? undefined,
          candidateRunId: input.runId,
          candidateModel: decision.modelKey ?? undefined,
          confidenceLevel: decision.confidenceLevel,
        })
      : null;
    const title = `Yardstick report: ${summary.runName}`;
    return {
      html: htmlReport({ title, summary, comparison, decision }),
      title,
      runName: summary.runName,
      decision,
    };
  }
  const summary = summarizeRun(ctx, input.runId, input.confidenceLevel);
  const canDecide = input.modelKey !== undefined || summary.models.length === 1;
  const evaluated = canDecide
    ? evaluateDecision(ctx, {
        runId: input.runId,
        modelKey: input.modelKey,
        baselineRunId: input.baselineRunId,
        baselineModel: input.baselineModel,
        confidenceLevel: input.confidenceLevel,
      })
    : null;
  const comparison =
    evaluated?.comparison ??
    (input.baselineRunId
      ? compareRuns(ctx, {
          baselineRunId: input.baselineRunId,
          baselineModel: input.baselineModel,
          candidateRunId: input.runId,
          candidateModel: input.modelKey,
          confidenceLevel: input.confidenceLevel,
        })
      : null);
  const decision = evaluated?.decision ?? null;
  const title = `Yardstick report: ${summary.runName}`;
  return {
    html: htmlReport({ title, summary, comparison, decision }),
    title,
    runName: summary.runName,
    decision,
  };
}

export function exportHtmlReport(
  ctx: Pick<CoreContext, 'db'>,
  input: HtmlExportInput,
): RouteOutput<'reports.html'> {
  const target =
    input.destination.kind === 'file'
      ? checkedOutputPath(input.destination.path, input.destination.overwrite)
      : null;
  const report = renderRunReport(ctx, input);
  const fileName = `${fileStem(report.runName)}-report.html`;
  const bytes = Buffer.byteLength(report.html);
  const verdict = report.decision?.verdict ?? null;
  if (!target) return { fileName, path: null, html: report.html, bytes, verdict };
  try {
    writeFileSync(target, report.html);
  } catch (error) {
    throw new ApiError('internal', `could not write ${target}: ${(error as Error).message}`);
  }
  return { fileName, path: target, html: null, bytes, verdict };
}
