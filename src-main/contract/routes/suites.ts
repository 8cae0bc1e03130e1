import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty, Id, IsoTime, Sha256 } from '../common';
import { SuiteRemovalPreview } from './suiteRemovalSchemas';

export * from './suiteRemovalSchemas';

export const SuiteSummary = z.object({
  id: Id,
  name: z.string(),
  contentHash: Sha256,
  sourcePath: z.string().nullable(),
  createdAt: IsoTime,
});
export type SuiteSummary = z.infer<typeof SuiteSummary>;

/** A suite in the list: its newest text, and whether an unsaved edit of it is stored. */
export const ListedSuite = SuiteSummary.extend({ hasDraft: z.boolean() });
export type ListedSuite = z.infer<typeof ListedSuite>;

/** A scorer a new suite can start with, and whether it suits the dataset. */
export const ScaffoldScorerOption = z.object({
  type: z.string(),
  label: z.string(),
  /** What it checks, in a phrase. */
  why: z.string(),
  /** Fits what the dataset holds (its references, its tests). */
  isSuggested: z.boolean(),
  /** Why it cannot score this dataset (no references, …); null when it can. */
  unavailable: z.string().nullable(),
});
export type ScaffoldScorerOption = z.infer<typeof ScaffoldScorerOption>;

const SuiteName = z.string().trim().min(1).max(200);

/** A problem in a suite file, located by file, line, column and field path. */
export const SuiteIssue = z.object({
  file: z.string(),
  /** 1-based; 0 when the problem has no place in the text. */
  line: z.number().int(),
  column: z.number().int(),
  /** Field path such as `models[0].params.temperature`. */
  path: z.string(),
  message: z.string(),
});
export type SuiteIssue = z.infer<typeof SuiteIssue>;

const SuiteText = z.strictObject({
  yaml: z.string(),
  /** Shown in issues as the file name (default `suite.yaml`). */
  sourcePath: z.string().optional(),
});

const ChatRole = z.enum(['system', 'user', 'assistant']);

/** A suite's prompts rendered on one dataset item by the engine's template code. */
export const PromptPreview = z.object({
  /** Problems that stop the preview (structure, dataset); empty when it rendered. */
  issues: z.array(SuiteIssue),
  /** 0-based place of the item in the version (clamped to the items the suite uses). */
  itemIndex: z.number().int(),
  itemCount: z.number().int(),
  item: z
    .object({
      key: z.string(),
      datasetName: z.string(),
      version: z.number().int(),
      category: z.string().nullable(),
      reference: z.string().nullable(),
    })
    .nullable(),
  prompts: z.array(
    z.object({
      promptId: z.string(),
      /** Null when the prompt's templates do not parse (see `issues`). */
      messages: z.array(z.object({ role: ChatRole, content: z.string() })).nullable(),
      issues: z.array(SuiteIssue),
    }),
  ),
});
export type PromptPreview = z.infer<typeof PromptPreview>;

/** An unsaved edit of a suite, kept in the workspace so it survives a crash or a restart. */
export const SuiteDraft = z.object({
  /** The saved suite (row) it was last edited from. */
  suiteId: Id,
  text: z.string(),
  /** Content hash of the saved text the edit started from. */
  baseHash: Sha256,
  updatedAt: IsoTime,
  /** The suite's newest saved text is no longer the one the edit started from. */
  savedChanged: z.boolean(),
});
export type SuiteDraft = z.infer<typeof SuiteDraft>;

export const suiteRoutes = {
  'suites.list': defineRoute({
    kind: 'query',
    description: 'Every stored suite (the latest text of each name).',
    input: Empty,
    output: z.array(ListedSuite),
  }),
  'suites.get': defineRoute({
    kind: 'query',
    description: 'One suite with its YAML text.',
    input: z.strictObject({ suiteId: Id }),
    output: SuiteSummary.extend({ yaml: z.string() }),
  }),
  'suites.validate': defineRoute({
    kind: 'query',
    description:
      'Checks a suite: structure (YAML and schema) and references (dataset, providers, prompt variables).',
    input: SuiteText,
    output: z.object({
      ok: z.boolean(),
      /** YAML syntax and schema hold (what `suites.save` needs); reference problems may remain. */
      isStructureValid: z.boolean(),
      issues: z.array(SuiteIssue),
      /** What it would run, when valid. */
      plan: z
        .object({
          name: z.string(),
          datasetVersionId: Id,
          itemCount: z.number().int(),
          promptCount: z.number().int(),
          modelCount: z.number().int(),
          repeats: z.number().int(),
          cellCount: z.number().int(),
        })
        .nullable(),
    }),
  }),
  'suites.save': defineRoute({
    kind: 'command',
    description:
      'Stores a suite text (content-addressed). Refused when its structure is invalid; reference problems are returned.',
    input: SuiteText.extend({
      /** The suite the editor edited: its draft is dropped in the same transaction. */
      draftOf: Id.optional(),
    }),
    output: SuiteSummary.extend({ isNew: z.boolean(), issues: z.array(SuiteIssue) }),
  }),
  'suites.previewPrompt': defineRoute({
    kind: 'query',
    description:
      "Renders a suite's prompt templates on one item of its dataset version, exactly as a run would send them.",
    input: SuiteText.extend({ itemIndex: z.number().int().min(0).default(0) }),
    output: PromptPreview,
  }),
  'suites.draft.get': defineRoute({
    kind: 'query',
    description: "The unsaved edit of a suite (of any saved text under the suite's name), or null.",
    input: z.strictObject({ suiteId: Id }),
    output: SuiteDraft.nullable(),
  }),
  'suites.draft.save': defineRoute({
    kind: 'command',
    description:
      'Stores the unsaved edit of a suite, replacing its previous one. Never changes the saved suite.',
    input: z.strictObject({
      suiteId: Id,
      text: z.string(),
      /** Content hash of the saved text the edit started from. */
      baseHash: Sha256,
    }),
    output: z.object({ updatedAt: IsoTime }),
  }),
  'suites.draft.drop': defineRoute({
    kind: 'command',
    description: 'Forgets the unsaved edit of a suite.',
    input: z.strictObject({ suiteId: Id }),
    output: z.object({ dropped: z.boolean() }),
  }),
  'suites.scaffoldOptions': defineRoute({
    kind: 'query',
    description:
      'What a new suite on a dataset version can use: its template variables and the scorers that fit it.',
    input: z.strictObject({ datasetVersionId: Id }),
    output: z.object({
      datasetName: z.string(),
      version: z.number().int(),
      itemCount: z.number().int(),
      /** Template variables with a value in every item (`input`, `metadata.context`, …). */
      variables: z.array(z.string()),
      hasReference: z.boolean(),
      scorers: z.array(ScaffoldScorerOption),
      /** What an LLM judge is asked to assess on this dataset: the New-suite form's starting text. */
      judgeCriteria: z.string(),
    }),
  }),
  'suites.scaffold': defineRoute({
    kind: 'query',
    description:
      'A new, commented suite for a dataset version: one prompt on its fields, the chosen models and scorers. Stores nothing.',
    input: z.strictObject({
      name: SuiteName,
      datasetVersionId: Id,
      models: z
        .array(
          z.strictObject({
            /** A configured provider's label, or `local` for the built-in model. */
            provider: z.string().trim().min(1).max(100),
            /** The provider's model id; `default` for the built-in local model. */
            model: z.string().trim().min(1).max(500),
          }),
        )
        .min(1)
        .max(20),
      /** Scorer types (see `suites.scaffoldOptions`). */
      scorers: z.array(z.string().min(1)).max(20).default([]),
      /** The judge of a `judge-rubric` scorer: its model and what it assesses. */
      judge: z
        .strictObject({
          provider: z.string().trim().min(1).max(100),
          model: z.string().trim().min(1).max(500),
          criteria: z.string().trim().min(1).max(4000),
        })
        .optional(),
    }),
    output: z.object({ yaml: z.string() }),
  }),
  'suites.deletePreview': defineRoute({
    kind: 'query',
    description:
      'What deleting a suite would remove (saved versions of its name, drafts) and what refuses it (the runs that used it, named); changes nothing.',
    input: z.strictObject({ suiteId: Id }),
    output: SuiteRemovalPreview,
  }),
  'suites.delete': defineRoute({
    kind: 'command',
    description:
      'Deletes a suite: every saved text of its name and its draft. Refused while a run used any of them.',
    input: z.strictObject({ suiteId: Id }),
    output: z.object({
      name: z.string(),
      deletedVersions: z.number().int(),
      droppedDraft: z.boolean(),
    }),
  }),
  'suites.schema': defineRoute({
    kind: 'query',
    description: 'The JSON Schema of the suite format (for editor completion and validation).',
    input: Empty,
    output: z.record(z.string(), z.unknown()),
  }),
};
