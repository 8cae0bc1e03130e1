import type { failureModeRoutes } from '@contract/routes/failureModes';
import type { resultsRoutes } from '@contract/routes/results';
import { rowDetail } from '../results/detail';
import { failureModeCounts, tagCell } from '../results/failureModes';
import { gridPage } from '../results/grid';
import { exportTaxonomy, importTaxonomyFile, importTaxonomyText } from '../results/taxonomyFile';
import type { HandlersFor } from './types';

export const resultsHandlers = {
  'results.grid': (input, ctx) => gridPage(ctx, input),
  'results.detail': (input, ctx) => rowDetail(ctx, input.cellIds),
} satisfies HandlersFor<typeof resultsRoutes>;

export const failureModeHandlers = {
  'failureModes.tagCell': (input, ctx) => tagCell(ctx, input),
  'failureModes.counts': (input, ctx) => failureModeCounts(ctx, input),
  'failureModes.export': (_input, ctx) => exportTaxonomy(ctx),
  'failureModes.import': (input, ctx) =>
    'path' in input
      ? importTaxonomyFile(ctx, input.path)
      : importTaxonomyText(ctx, input.text, input.fileName ?? 'failure-modes.json'),
} satisfies HandlersFor<typeof failureModeRoutes>;
