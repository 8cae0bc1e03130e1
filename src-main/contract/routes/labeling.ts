/**
 * Routes and events of human rating sessions (`labeling.*`) and of checking LLM judges against
 * them (`calibration.*`). Schemas live in labelingSchemas.ts and calibrationSchemas.ts.
 */
import { z } from 'zod';
import { Empty, Id } from '../common';
import { defineEvent, defineRoute } from '../define';
import {
  CalibrationOptions,
  Measure,
  SessionAgreement,
  SessionCalibration,
  VariantComparison,
} from './calibrationSchemas';
import {
  CreateSessionInput,
  ExportedSession,
  FailureMode,
  ImportResult,
  LabelView,
  Queue,
  Rater,
  RaterProgress,
  RunSources,
  SessionDetail,
  SessionSummary,
  SubmitLabelInput,
  TaskView,
} from './labelingSchemas';

export * from './labelingSchemas';
export * from './calibrationSchemas';

const Confidence = z.number().gt(0).lt(1).default(0.95);
const Resamples = z.number().int().min(100).max(20_000).default(1000);

export const labelingRoutes = {
  'labeling.raters': defineRoute({
    kind: 'query',
    description: 'The rater profiles of this workspace with how many labels each gave.',
    input: Empty,
    output: z.array(Rater),
  }),
  'labeling.addRater': defineRoute({
    kind: 'command',
    description: 'Adds a rater profile (or returns the existing one of that name).',
    input: z.strictObject({ name: z.string().trim().min(1).max(100) }),
    output: Rater,
  }),
  'labeling.failureModes': defineRoute({
    kind: 'query',
    description: "The workspace's failure-mode taxonomy (tags raters can attach to a label).",
    input: Empty,
    output: z.array(FailureMode),
  }),
  'labeling.addFailureMode': defineRoute({
    kind: 'command',
    description: 'Adds a failure mode to the taxonomy (or returns the existing one of that name).',
    input: z.strictObject({
      name: z.string().trim().min(1).max(100),
      description: z.string().trim().max(500).optional(),
    }),
    output: FailureMode,
  }),
  'labeling.sources': defineRoute({
    kind: 'query',
    description:
      'What a new session can rate: runs with their models, categories and judge scorers.',
    input: z.strictObject({ runIds: z.array(Id).max(50).optional() }),
    output: RunSources,
  }),
  'labeling.createSession': defineRoute({
    kind: 'command',
    description:
      'Creates a rating session: samples the outputs, randomises A/B per pair, marks overlap tasks.',
    input: CreateSessionInput,
    output: SessionDetail,
  }),
  'labeling.sessions': defineRoute({
    kind: 'query',
    description: 'Every rating session, newest first, with its progress.',
    input: Empty,
    output: z.array(SessionSummary),
  }),
  'labeling.session': defineRoute({
    kind: 'query',
    description: "A session with each rater's progress, pace and ETA.",
    input: z.strictObject({ sessionId: Id }),
    output: SessionDetail,
  }),
  'labeling.setStatus': defineRoute({
    kind: 'command',
    description: 'Closes or reopens a session.',
    input: z.strictObject({ sessionId: Id, status: z.enum(['open', 'closed']) }),
    output: SessionSummary,
  }),
  'labeling.queue': defineRoute({
    kind: 'query',
    description:
      "A rater's tasks in order with their status (rated, inherited, pending, complete).",
    input: z.strictObject({ sessionId: Id, raterId: Id }),
    output: Queue,
  }),
  'labeling.task': defineRoute({
    kind: 'query',
    description:
      'One task as a rater sees it: input, outputs in shown order, and only their own label.',
    input: z.strictObject({ sessionId: Id, taskId: Id, raterId: Id }),
    output: TaskView,
  }),
  'labeling.submit': defineRoute({
    kind: 'command',
    description:
      'Saves (or changes) a label the moment it is given, in one transaction; fields left out keep their value.',
    input: SubmitLabelInput,
    output: z.object({ label: LabelView, progress: RaterProgress }),
  }),
  'labeling.undo': defineRoute({
    kind: 'command',
    description: "Undoes the rater's last change in the session (removes or restores a label).",
    input: z.strictObject({ sessionId: Id, raterId: Id }),
    output: z.object({
      taskId: Id.nullable(),
      action: z.enum(['removed', 'restored']).nullable(),
      /** The note and pass/fail of a label undo removed: the rating screen keeps them. */
      removed: z.object({ note: z.string().nullable(), isPass: z.boolean().nullable() }).nullable(),
      progress: RaterProgress,
    }),
  }),
  'labeling.export': defineRoute({
    kind: 'query',
    description:
      'The session as one portable JSON file (tasks with their content, labels, checksums) to rate offline elsewhere.',
    input: z.strictObject({ sessionId: Id }),
    output: ExportedSession,
  }),
  'labeling.import': defineRoute({
    kind: 'command',
    description:
      'Imports a portable session file: creates the session, or merges its labels without duplicates.',
    input: z.union([
      z.strictObject({ text: z.string().min(1), fileName: z.string().max(300).optional() }),
      z.strictObject({ path: z.string().min(1) }),
    ]),
    output: ImportResult,
  }),
  'labeling.promote': defineRoute({
    kind: 'command',
    description:
      "Makes a human-approved output the item's reference answer, in a new dataset version.",
    input: z.strictObject({
      sessionId: Id,
      taskId: Id,
      /** Pairwise: which shown output (default A). */
      slot: z.enum(['A', 'B']).optional(),
      raterId: Id.optional(),
      note: z.string().max(1000).optional(),
    }),
    output: z.object({
      datasetId: Id,
      versionId: Id,
      version: z.number().int(),
      parentVersionId: Id,
      itemKey: z.string(),
    }),
  }),
  'labeling.agreement': defineRoute({
    kind: 'query',
    description:
      "Agreement between the session's raters: Krippendorff's α, Fleiss' and Cohen's κ, rater bias and drift, items to discuss.",
    input: z.strictObject({
      sessionId: Id,
      measure: Measure.optional(),
      /**
       * The rater looking: in an open session, items they still have to rate are withheld from
       * the list; without one, the items any new rater would still be asked are.
       */
      viewerRaterId: Id.optional(),
      confidenceLevel: Confidence,
      resamples: Resamples,
    }),
    output: SessionAgreement,
  }),
  'calibration.options': defineRoute({
    kind: 'query',
    description:
      "Judge scorers that scored a session's outputs, with their edited versions, for calibration.",
    input: z.strictObject({ sessionId: Id }),
    output: CalibrationOptions,
  }),
  'calibration.report': defineRoute({
    kind: 'query',
    description:
      'A judge against the human session: agreement, κ, correlations, confusion, disagreements, bias probes, judge-corrected estimates.',
    input: z.strictObject({
      sessionId: Id,
      runId: Id,
      scorerKey: z.string().min(1),
      variantId: Id.optional(),
      measure: Measure.optional(),
      confidenceLevel: Confidence,
      resamples: Resamples,
    }),
    output: SessionCalibration,
  }),
  'calibration.createVariant': defineRoute({
    kind: 'command',
    description:
      "Re-runs a judge with edited parameters (prompt, rubric, judge model) on the session's outputs only, as a background job.",
    input: z.strictObject({
      sessionId: Id,
      runId: Id,
      scorerKey: z.string().min(1),
      name: z.string().trim().min(1).max(100),
      params: z.record(z.string(), z.unknown()),
    }),
    output: z.object({ variantId: Id, jobId: Id }),
  }),
  'calibration.compareVariants': defineRoute({
    kind: 'query',
    description:
      'Judge versions side by side (agreement before / after) and the cheapest one reaching a target agreement.',
    input: z.strictObject({
      sessionId: Id,
      runId: Id,
      scorerKey: z.string().min(1),
      measure: Measure.optional(),
      target: z.number().min(0).max(1).default(0.8),
      criterion: z.enum(['lower-bound', 'estimate']).default('lower-bound'),
      confidenceLevel: Confidence,
      resamples: Resamples,
    }),
    output: VariantComparison,
  }),
};

export const labelingEvents = {
  'labeling.saved': defineEvent({
    description: 'A label was saved, changed or undone.',
    payload: z.object({ sessionId: Id, taskId: Id, raterId: Id }),
  }),
  'labeling.sessionsChanged': defineEvent({
    description: 'A session was created, imported, merged, closed or reopened.',
    payload: z.object({ sessionId: Id }),
  }),
  'calibration.variantFinished': defineEvent({
    description: 'A re-run of an edited judge on a calibration set ended.',
    payload: z.object({
      variantId: Id,
      status: z.enum(['completed', 'failed', 'cancelled']),
      error: z.string().nullable(),
    }),
  }),
};
