import { useCallback, useEffect, useState } from 'react';
import type { RouteInput, RouteName, RouteOutput } from '@contract/index';
import { errorMessage, type Loadable } from '../stores/load';
import { api, onReconnected } from './client';

/**
 * A query route read into component state, re-read when its input changes or on `reload()`.
 * For view-local data (one provider's prices, one run's detail); shared data lives in stores.
 * The previous value stays visible while a re-read is under way. Re-read too when a lost
 * connection comes back (browser mode): what it shows may have changed meanwhile.
 */
export function useCoreQuery<R extends RouteName>(
  route: R,
  input: RouteInput<R>,
): { state: Loadable<RouteOutput<R>>; reload: () => void } {
  const [state, setState] = useState<Loadable<RouteOutput<R>>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!api) return;
    let isCurrent = true;
    api.call(route, JSON.parse(key) as RouteInput<R>).then(
      (value) => isCurrent && setState({ status: 'ready', value }),
      (error: unknown) => isCurrent && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [route, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => onReconnected(reload), [reload]);
  return { state, reload };
}
