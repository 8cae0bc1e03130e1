import type { z } from 'zod';

/** One command or query: its input is validated at every transport boundary. */
export interface RouteDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** A query only reads; a command changes the workspace or starts work. */
  readonly kind: 'query' | 'command';
  readonly description: string;
  readonly input: I;
  readonly output: O;
}

/** Declares a route; the identity function keeps the exact schema types for inference. */
export function defineRoute<I extends z.ZodType, O extends z.ZodType>(
  def: RouteDef<I, O>,
): RouteDef<I, O> {
  return def;
}

/** One event the core emits to every connected window. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly description: string;
  readonly payload: P;
}

export function defineEvent<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}
