import type { suiteRoutes } from '@contract/routes/suites';
import { notFound } from '../apiError';
import { runManager, suiteRefused } from '../runner/runManager';
import { suiteJsonSchema } from '../suites/jsonSchema';
import { previewPrompt } from '../suites/previewPrompt';
import { parseSuite } from '../suites/parse';
import { storeSuiteText } from '../suites/storeSuite';
import { nowIso } from '../util/time';
import type { HandlersFor } from './types';

export const suiteHandlers = {
  'suites.list': (_input, ctx) => ctx.repos.suites.listLatest(),
  'suites.get': ({ suiteId }, ctx) => {
    const suite = ctx.repos.suites.get(suiteId);
    if (!suite) throw notFound('suite', suiteId);
    return suite;
  },
  'suites.validate': ({ yaml, sourcePath }, ctx) => {
    const result = runManager(ctx).check(yaml, sourcePath ?? 'suite.yaml');
    if (!result.ok) return { ok: false, issues: result.issues, plan: null };
    const { suite, version, itemCount } = result.checked;
    const perModel = itemCount * suite.prompts.length * suite.repeats;
    return {
      ok: true,
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
  'suites.schema': () => suiteJsonSchema(),
} satisfies HandlersFor<typeof suiteRoutes>;
