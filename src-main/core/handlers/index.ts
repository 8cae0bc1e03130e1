import { datasetHandlers } from './datasets';
import { runHandlers } from './runs';
import { secretHandlers } from './secrets';
import { suiteHandlers } from './suites';
import type { Handlers } from './types';
import { workspaceHandlers } from './workspace';

/** Every route's handler. Adding a domain = one spread here. */
export const handlers = {
  ...workspaceHandlers,
  ...datasetHandlers,
  ...suiteHandlers,
  ...runHandlers,
  ...secretHandlers,
} satisfies Handlers;
