import type { labelingRoutes } from '@contract/routes/labeling';
import { calibrationOptions } from '../labeling/calibrationOptions';
import { createSession } from '../labeling/createSession';
import { submitLabel, undoLast } from '../labeling/labels';
import { addFailureMode, addRater, listFailureModes, listRaters } from '../labeling/people';
import { exportSession } from '../labeling/portableExport';
import { importSessionFile, importSessionText } from '../labeling/portableImport';
import { promoteOutput } from '../labeling/promote';
import { raterQueue, taskView } from '../labeling/rating';
import { labelingRepo } from '../labeling/repo';
import { sessionAgreement } from '../labeling/sessionAgreement';
import { sessionCalibration } from '../labeling/sessionCalibration';
import { runSources } from '../labeling/sources';
import { sessionDetail, sessionSummaries, sessionSummary } from '../labeling/summary';
import { loadSession } from '../labeling/config';
import { compareVariants } from '../labeling/variantCompare';
import { createVariant } from '../labeling/variants';
import type { HandlersFor } from './types';

export const labelingHandlers = {
  'labeling.raters': (_input, ctx) => listRaters(ctx),
  'labeling.addRater': (input, ctx) => addRater(ctx, input.name),
  'labeling.failureModes': (_input, ctx) => listFailureModes(ctx),
  'labeling.addFailureMode': (input, ctx) => addFailureMode(ctx, input.name, input.description),
  'labeling.sources': (input, ctx) => runSources(ctx, input.runIds),
  'labeling.createSession': (input, ctx) => createSession(ctx, input),
  'labeling.sessions': (_input, ctx) => sessionSummaries(ctx),
  'labeling.session': (input, ctx) => sessionDetail(ctx, input.sessionId),
  'labeling.setStatus': (input, ctx) => {
    const repo = labelingRepo(ctx);
    loadSession(repo, input.sessionId);
    repo.setStatus(input.sessionId, input.status);
    ctx.events.emit('labeling.sessionsChanged', { sessionId: input.sessionId });
    return sessionSummary(ctx, input.sessionId);
  },
  'labeling.queue': (input, ctx) => raterQueue(ctx, input.sessionId, input.raterId),
  'labeling.task': (input, ctx) => taskView(ctx, input.sessionId, input.taskId, input.raterId),
  'labeling.submit': (input, ctx) => submitLabel(ctx, input),
  'labeling.undo': (input, ctx) => undoLast(ctx, input.sessionId, input.raterId),
  'labeling.export': (input, ctx) => exportSession(ctx, input.sessionId),
  'labeling.import': (input, ctx) =>
    'path' in input
      ? importSessionFile(ctx, input.path)
      : importSessionText(ctx, input.text, input.fileName ?? null),
  'labeling.promote': (input, ctx) => promoteOutput(ctx, input),
  'labeling.agreement': (input, ctx) => sessionAgreement(ctx, input),
  'calibration.options': (input, ctx) => calibrationOptions(ctx, input.sessionId),
  'calibration.report': (input, ctx) => sessionCalibration(ctx, input),
  'calibration.createVariant': (input, ctx) => createVariant(ctx, input),
  'calibration.compareVariants': (input, ctx) => compareVariants(ctx, input),
} satisfies HandlersFor<typeof labelingRoutes>;
