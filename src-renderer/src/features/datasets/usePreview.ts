import { useEffect, useState } from 'react';
import type { ImportPreview, ImportSettings } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage, type Loadable } from '../../stores/load';

/** The core's preview of a file with these settings, re-read (debounced) when they change. */
export function usePreview(path: string, settings: ImportSettings): Loadable<ImportPreview> {
  const [state, setState] = useState<Loadable<ImportPreview>>({ status: 'idle' });
  const key = JSON.stringify(settings);
  useEffect(() => {
    if (!api || !path) return;
    const client = api;
    let live = true;
    const timer = setTimeout(() => {
      setState((s) => ({
        status: 'loading',
        ...(s.status === 'ready' ? { previous: s.value } : {}),
      }));
      client
        .call('datasets.preview', {
          paths: [path],
          settings: JSON.parse(key) as ImportSettings,
          limit: 20,
        })
        .then(
          (value) => live && setState({ status: 'ready', value }),
          (error: unknown) => live && setState({ status: 'error', message: errorMessage(error) }),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, key]);
  return state;
}
