import type { providersRoutes } from '@contract/routes/providers';
import { invalidatePricing, pricingRepo, pricingTable } from '../pricing/bundled';
import { localModelStatus, startLocalModelDownload } from '../providers/local/localModelService';
import { forgetProviderModels, providerModels } from '../providers/modelLists';
import { setProviderLimits } from '../providers/providerLimits';
import { providerRegistry } from '../providers/registry';
import {
  addProvider,
  detectServers,
  providersRepo,
  removeProvider,
  summarize,
  testProvider,
  updateProvider,
} from '../providers/workspaceProviders';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { HandlersFor } from './types';

function changed(ctx: CoreContext, what: 'providers' | 'pricing', reason: string) {
  ctx.events.emit('providers.changed', { what, reason });
}

export const providersHandlers = {
  'providers.kinds': () => providerRegistry.metadata(),
  'providers.list': (_input, ctx) =>
    providersRepo(ctx)
      .list()
      .map((r) => summarize(ctx, r)),
  'providers.add': (input, ctx) => {
    const summary = addProvider(ctx, input);
    changed(ctx, 'providers', `${summary.label} added`);
    return summary;
  },
  'providers.update': (input, ctx) => {
    const summary = updateProvider(ctx, input);
    changed(ctx, 'providers', `${summary.label} changed`);
    return summary;
  },
  'providers.setLimits': ({ providerId, limits }, ctx) => {
    const record = providersRepo(ctx).get(providerId);
    if (!record) throw notFound('provider', providerId);
    setProviderLimits(ctx, providerId, limits);
    changed(ctx, 'providers', `${record.label} limits changed`);
    return summarize(ctx, record);
  },
  'providers.remove': ({ providerId }, ctx) => {
    const removed = removeProvider(ctx, providerId);
    if (removed) {
      forgetProviderModels(ctx, providerId);
      changed(ctx, 'providers', `${providerId} removed`);
    }
    return { removed };
  },
  'providers.test': (input, ctx) => {
    if ('providerId' in input) {
      const record = providersRepo(ctx).get(input.providerId);
      if (!record) throw notFound('provider', input.providerId);
      return testProvider(ctx, record.kind, record.config);
    }
    return testProvider(ctx, input.kind, input.config);
  },
  'providers.models': ({ providerId, refresh }, ctx) => {
    const record = providersRepo(ctx).get(providerId);
    if (!record) throw notFound('provider', providerId);
    return providerModels(ctx, record, { refresh });
  },
  'providers.detect': (_input, ctx) => detectServers(ctx),
  'providers.localModel': () => localModelStatus(),
  'providers.downloadLocalModel': (_input, ctx) => ({ jobId: startLocalModelDownload(ctx) }),
  'pricing.list': ({ providerKind, model }, ctx) =>
    pricingRepo(ctx)
      .list()
      .filter(
        (r) =>
          (providerKind === undefined || r.providerKind === providerKind) &&
          (model === undefined || r.model === model),
      ),
  'pricing.set': (input, ctx) => {
    const row = pricingRepo(ctx).upsert({
      ...input,
      effectiveFrom: input.effectiveFrom ?? new Date().toISOString().slice(0, 10),
      source: input.source ?? 'user',
    });
    invalidatePricing(ctx);
    changed(ctx, 'pricing', `${row.providerKind}/${row.model} from ${row.effectiveFrom}`);
    return row;
  },
  'pricing.remove': ({ id }, ctx) => {
    const removed = pricingRepo(ctx).remove(id);
    if (removed) {
      invalidatePricing(ctx);
      changed(ctx, 'pricing', `row ${id} removed`);
    }
    return { removed };
  },
  'pricing.cost': ({ providerKind, model, inputTokens, outputTokens, at }, ctx) => {
    const table = pricingTable(ctx);
    const when = at ?? new Date().toISOString();
    return {
      costUsd: table.costUsd(providerKind, model, inputTokens, outputTokens, when),
      row: table.find(providerKind, model, when),
    };
  },
} satisfies HandlersFor<typeof providersRoutes>;
