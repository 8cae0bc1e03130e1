import { datasetHandlers } from './datasets';
import { jobHandlers } from './jobs';
import { labelingHandlers } from './labeling';
import { failureModeHandlers, resultsHandlers } from './results';
import { providersHandlers } from './providers';
import { reportHandlers } from './reports';
import { runHandlers } from './runs';
import { scoringHandlers } from './scoring';
import { secretHandlers } from './secrets';
import { suiteHandlers } from './suites';
import type { Handlers } from './types';
import { workspaceHandlers } from './workspace';

/** Every route's handler. Adding a domain = one spread here. */
export const handlers = {
  ...workspaceHandlers,
  ...jobHandlers,
  ...datasetHandlers,
  ...suiteHandlers,
  ...runHandlers,
  ...providersHandlers,
  ...scoringHandlers,
  ...reportHandlers,
  ...labelingHandlers,
  ...resultsHandlers,
  ...failureModeHandlers,
  ...secretHandlers,
} satisfies Handlers;
