/**
 * The one API contract. Every command, query and event the renderer may use is declared
 * here with a zod schema; the Electron IPC relay, the browser-mode host and the renderer's
 * client are all typed from it. Adding a route = one entry in a domain file under routes/.
 */
import type { z } from 'zod';
import { datasetEvents, datasetRoutes } from './routes/datasets';
import { jobEvents, jobRoutes } from './routes/jobs';
import { labelingEvents, labelingRoutes } from './routes/labeling';
import { failureModeRoutes } from './routes/failureModes';
import { resultsRoutes } from './routes/results';
import { providersEvents, providersRoutes } from './routes/providers';
import { reportRoutes } from './routes/reports';
import { runEvents, runRoutes } from './routes/runs';
import { scoringEvents, scoringRoutes } from './routes/scoring';
import { secretRoutes } from './routes/secrets';
import { suiteRoutes } from './routes/suites';
import { workspaceRoutes } from './routes/workspace';
import { workspaceEvents } from './routes/workspaceEvents';

export const routes = {
  ...workspaceRoutes,
  ...jobRoutes,
  ...datasetRoutes,
  ...suiteRoutes,
  ...runRoutes,
  ...providersRoutes,
  ...scoringRoutes,
  ...reportRoutes,
  ...labelingRoutes,
  ...resultsRoutes,
  ...failureModeRoutes,
  ...secretRoutes,
};

/** Events the core pushes to every connected window. Names are `domain.happened`. */
export const events = {
  ...workspaceEvents,
  ...jobEvents,
  ...datasetEvents,
  ...runEvents,
  ...providersEvents,
  ...scoringEvents,
  ...labelingEvents,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Routes[R]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isRouteName(name: string): name is RouteName {
  return Object.hasOwn(routes, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

export * from './result';
export * from './bridge';
export * from './common';
export * from './routes/datasets';
export * from './routes/jobs';
export * from './routes/providers';
export * from './routes/runs';
export * from './routes/secrets';
export * from './routes/suites';
export * from './routes/workspace';
