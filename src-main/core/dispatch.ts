import type { z } from 'zod';
import { isRouteName, routes, type Result } from '@contract/index';
import { ApiError } from './apiError';
import type { CoreContext } from './context';
import type { Handler, Handlers } from './handlers/types';

export type Dispatch = (route: string, input: unknown) => Promise<Result<unknown>>;

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/**
 * The one entry every transport calls: look up the route, validate the input against its
 * schema, run the handler, and wrap the outcome. Nothing reaches a handler unvalidated.
 */
export function createDispatch(
  handlers: Handlers,
  ctx: CoreContext,
  options: { validateOutputs?: boolean } = {},
): Dispatch {
  return async (route, input) => {
    if (typeof route !== 'string' || !isRouteName(route)) {
      return {
        ok: false,
        error: { code: 'bad_request', message: `unknown route "${String(route)}"` },
      };
    }
    const def = routes[route];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'bad_request',
          message: `invalid input for ${route}`,
          issues: issuesOf(parsed.error),
        },
      };
    }
    try {
      const handler = handlers[route] as Handler<typeof route>;
      const value: unknown = await handler(parsed.data, ctx);
      if (options.validateOutputs) def.output.parse(value);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) {
        const shape = error.toShape();
        return { ok: false, error: { ...shape, message: ctx.redactor.apply(shape.message) } };
      }
      ctx.logger.error('handler failed', {
        route,
        error: String(error),
        stack: (error as Error).stack,
      });
      return {
        ok: false,
        error: {
          code: 'internal',
          message: ctx.redactor.apply(`${route} failed: ${String(error)}`),
        },
      };
    }
  };
}
