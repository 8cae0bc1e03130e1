import type { reportRoutes } from '@contract/routes/reports';
import { runCharts } from '../reports/charts';
import { candidateCriteria } from '../reports/criteria';
import { downloads } from '../reports/downloads';
import { exportHtmlReport } from '../reports/htmlExport';
import { pairwiseMatrix } from '../reports/pairwise';
import { startResultsExport } from '../reports/resultsExport';
import { suiteTrends } from '../reports/trends';
import type { HandlersFor } from './types';

export const reportHandlers = {
  'reports.charts': ({ runId, confidenceLevel, bins }, ctx) =>
    runCharts(ctx, runId, confidenceLevel, bins),
  'reports.pairwise': ({ runId, scorerKey, confidenceLevel }, ctx) =>
    pairwiseMatrix(ctx, runId, scorerKey, confidenceLevel),
  'reports.trends': ({ runId, limit, confidenceLevel }, ctx) =>
    suiteTrends(ctx, runId, limit, confidenceLevel),
  'reports.criteria': (input, ctx) => candidateCriteria(ctx, input),
  'reports.html': (input, ctx) => exportHtmlReport(ctx, input),
  'reports.exportResults': (input, ctx) => startResultsExport(ctx, input),
  'reports.download': ({ downloadId, offset }, ctx) => downloads(ctx).chunk(downloadId, offset),
} satisfies HandlersFor<typeof reportRoutes>;
