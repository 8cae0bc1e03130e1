/**
 * The one API contract. Every command, query and event the renderer may use is declared
 * here with a zod schema; the Electron IPC relay, the browser-mode host and the renderer's
 * client are all typed from it. Adding a route = one entry in a domain file under routes/.
 */
import type { z } from 'zod';
import { datasetRoutes } from './routes/datasets';
import { runRoutes } from './routes/runs';
import { secretRoutes } from './routes/secrets';
import { suiteRoutes } from './routes/suites';
import { workspaceRoutes } from './routes/workspace';
import { events } from './events';

export const routes = {
  ...workspaceRoutes,
  ...datasetRoutes,
  ...suiteRoutes,
  ...runRoutes,
  ...secretRoutes,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Routes[R]['output']>;

export { events };
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
export * from './routes/runs';
export * from './routes/secrets';
export * from './routes/suites';
export * from './routes/workspace';
