import { ApiCallError } from '../api/client';

/** Loading state for one piece of core data held in a store. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string; previous?: T };

export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) {
    const issues = error.shape.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    return issues ? `${error.message} (${issues})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function valueOf<T>(state: Loadable<T>): T | undefined {
  if (state.status === 'ready') return state.value;
  if (state.status === 'loading' || state.status === 'error') return state.previous;
  return undefined;
}
