import { useEffect, useState } from 'react';
import type { RouteInput, RouteName, RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';

export type QueryState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** A core query's answer for `input`, asked again whenever the input changes; null asks nothing. */
export function useRouteQuery<R extends RouteName>(
  route: R,
  input: RouteInput<R> | null,
): QueryState<RouteOutput<R>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ key: string; answer: QueryState<RouteOutput<R>> } | null>(
    null,
  );
  useEffect(() => {
    if (key === null || !api) return;
    let isCurrent = true;
    api.call(route, JSON.parse(key) as RouteInput<R>).then(
      (value) => isCurrent && setState({ key, answer: { status: 'ready', value } }),
      (error: unknown) =>
        isCurrent && setState({ key, answer: { status: 'error', message: errorMessage(error) } }),
    );
    return () => {
      isCurrent = false;
    };
  }, [route, key]);
  return state?.key === key ? state.answer : { status: 'loading' };
}
