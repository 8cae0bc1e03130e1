import type { datasetRoutes } from '@contract/routes/datasets';
import { notFound } from '../apiError';
import type { HandlersFor } from './types';

export const datasetHandlers = {
  'datasets.list': (_input, ctx) => ctx.repos.datasets.list(),
  'datasets.versions': ({ datasetId }, ctx) => ctx.repos.datasets.versions(datasetId),
  'datasets.items': ({ versionId, page }, ctx) => {
    const version = ctx.repos.datasets.version(versionId);
    if (!version || !version.isFrozen) throw notFound('dataset version', versionId);
    const { offset, limit } = page ?? { offset: 0, limit: 100 };
    return { total: version.itemCount, items: ctx.repos.datasets.items(versionId, offset, limit) };
  },
} satisfies HandlersFor<typeof datasetRoutes>;
