import type { CoreContext } from '../context';

/**
 * A thing a module keeps once per core (a repository, a cache, the jobs closing must wait for):
 * made by `make` on first use, kept for the core's life, gone with it.
 */
export function perCore<T extends object>(make: (ctx: CoreContext) => T): (ctx: CoreContext) => T {
  const made = new WeakMap<CoreContext, T>();
  return (ctx) => {
    let value = made.get(ctx);
    if (value === undefined) {
      value = make(ctx);
      made.set(ctx, value);
    }
    return value;
  };
}
