import type { suiteRoutes } from '@contract/routes/suites';
import { ApiError, notFound } from '../apiError';
import { providersRepo } from '../providers/workspaceProviders';
import { runManager, suiteRefused } from '../runner/runManager';
import { readDatasetShape, variablesOf } from '../suites/datasetShape';
import { deleteSuite, previewSuiteRemoval } from '../suites/deleteSuite';
import { suiteJsonSchema } from '../suites/jsonSchema';
import { previewPrompt } from '../suites/previewPrompt';
import { parseSuite } from '../suites/parse';
import { suiteDomainRepo } from '../suites/repo';
import { scaffoldSuite } from '../suites/scaffold';
import { judgeCriteria, scorerOptions } from '../suites/scaffoldScorers';
import { storeSuiteText } from '../suites/storeSuite';
import { nowIso } from '../util/time';
import type { HandlersFor } from './types';

export const suiteHandlers = {
  'suites.list': (_input, ctx) => {
    const drafted = suiteDomainRepo(ctx).namesWithDrafts();
    return ctx.repos.suites.listLatest().map((s) => ({ ...s, hasDraft: drafted.has(s.name) }));
  },
  'suites.get': ({ suiteId }, ctx) => {
    const suite = ctx.repos.suites.get(suiteId);
    if (!suite) throw notFound('suite', suiteId);
    return suite;
  },
  'suites.validate': ({ yaml, sourcePath }, ctx) => {
    const result = runManager(ctx).check(yaml, sourcePath ?? 'suite.yaml');
    if (!result.ok)
      return {
        ok: false,
        isStructureValid: parseSuite(yaml, sourcePath ?? 'suite.yaml').ok,
        issues: result.issues,
        plan: null,
      };
    const { suite, version, itemCount } = result.checked;
    const perModel = itemCount * suite.prompts.length * suite.repeats;
    return {
      ok: true,
      isStructureValid: true,
      issues: [],
      plan: {
        name: suite.name,
        datasetVersionId: version.id,
        itemCount,
        promptCount: suite.prompts.length,
        modelCount: suite.models.length,
        repeats: suite.repeats,
        cellCount: perModel * suite.models.length,
      },
    };
  },
  'suites.save': ({ yaml, sourcePath, draftOf }, ctx) => {
    const file = sourcePath ?? 'suite.yaml';
    const parsed = parseSuite(yaml, file);
    if (!parsed.ok) throw suiteRefused(parsed.issues);
    const checked = runManager(ctx).check(yaml, file);
    // The edit is saved: its draft goes with it, or neither happens.
    const stored = ctx.db.transaction(() => {
      const result = storeSuiteText(ctx, yaml, sourcePath ?? null);
      if (draftOf) ctx.repos.suiteDrafts.dropForSuiteOf(draftOf);
      return result;
    });
    const suite = ctx.repos.suites.get(stored.id);
    if (!suite) throw notFound('suite', stored.id);
    ctx.events.emit('workspace.changed', { domain: 'suites', reason: `suite ${suite.name} saved` });
    const { yaml: _text, ...summary } = suite;
    return { ...summary, isNew: stored.isNew, issues: checked.ok ? [] : checked.issues };
  },
  'suites.previewPrompt': (input, ctx) => previewPrompt(ctx, input),
  'suites.draft.get': ({ suiteId }, ctx) => {
    if (!ctx.repos.suites.get(suiteId)) throw notFound('suite', suiteId);
    const draft = ctx.repos.suiteDrafts.forSuiteOf(suiteId);
    if (!draft) return null;
    const newestHash = ctx.repos.suites.newestHashOfNameOf(suiteId);
    return { ...draft, savedChanged: newestHash !== draft.baseHash };
  },
  'suites.draft.save': ({ suiteId, text, baseHash }, ctx) => {
    if (!ctx.repos.suites.get(suiteId)) throw notFound('suite', suiteId);
    const updatedAt = nowIso();
    ctx.db.transaction(() => ctx.repos.suiteDrafts.put({ suiteId, text, baseHash, updatedAt }));
    return { updatedAt };
  },
  'suites.draft.drop': ({ suiteId }, ctx) => ({
    dropped: ctx.db.transaction(() => ctx.repos.suiteDrafts.dropForSuiteOf(suiteId)),
  }),
  'suites.scaffoldOptions': ({ datasetVersionId }, ctx) => {
    const shape = readDatasetShape(suiteDomainRepo(ctx), datasetVersionId);
    return {
      datasetName: shape.datasetName,
      version: shape.version,
      itemCount: shape.itemCount,
      variables: variablesOf(shape),
      hasReference: shape.hasReference,
      scorers: scorerOptions(shape),
      judgeCriteria: judgeCriteria(shape),
    };
  },
  'suites.scaffold': ({ name, datasetVersionId, models, scorers, judge }, ctx) => {
    const repo = suiteDomainRepo(ctx);
    if (repo.hasSuiteNamed(name))
      throw new ApiError(
        'conflict',
        `a suite named "${name}" exists: choose another name, or open that suite to edit it`,
      );
    const shape = readDatasetShape(repo, datasetVersionId);
    const configured = providersRepo(ctx);
    const describe = (provider: string) => {
      const found = configured.getByLabel(provider);
      if (found) return `${found.label}: a configured provider (${found.kind})`;
      if (provider === 'local')
        return 'local: the in-process GGUF model (no key; nothing leaves this machine)';
      return `${provider}: a provider kind or preset`;
    };
    return { yaml: scaffoldSuite(shape, { name, models, scorers, judge }, describe) };
  },
  'suites.deletePreview': ({ suiteId }, ctx) => previewSuiteRemoval(ctx, suiteId),
  'suites.delete': ({ suiteId }, ctx) => deleteSuite(ctx, suiteId),
  'suites.schema': () => suiteJsonSchema(),
} satisfies HandlersFor<typeof suiteRoutes>;
