import type { z } from 'zod';
import type { RouteName, RouteOutput, Routes } from '@contract/index';
import type { CoreContext } from '../context';

export type Handler<R extends RouteName> = (
  input: z.output<Routes[R]['input']>,
  ctx: CoreContext,
) => RouteOutput<R> | Promise<RouteOutput<R>>;

/** One handler per route: a missing or misspelt one fails to compile. */
export type Handlers = { [R in RouteName]: Handler<R> };

/** The handlers of one domain's routes, checked with `satisfies HandlersFor<typeof xRoutes>`. */
export type HandlersFor<T> = { [R in keyof T & RouteName]: Handler<R> };
