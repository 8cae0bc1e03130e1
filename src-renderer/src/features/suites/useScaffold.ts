import { useEffect, useState } from 'react';
import type { RouteInput, RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';

type Request = RouteInput<'suites.scaffold'>;
type Validation = RouteOutput<'suites.validate'>;

export type Scaffold =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; yaml: string; validation: Validation }
  | { status: 'error'; message: string };

const debounceMs = 300;

/**
 * The core's scaffold for the dialog's choices and the core's verdict on it (`suites.scaffold`
 * then `suites.validate`), a moment after the choices stop changing. Null asks for nothing.
 */
export function useScaffold(request: Request | null): Scaffold {
  const key = request ? JSON.stringify(request) : null;
  const [answer, setAnswer] = useState<{ key: string; scaffold: Scaffold } | null>(null);
  useEffect(() => {
    if (!key || !api) return;
    const client = api;
    let isCurrent = true;
    const timer = setTimeout(() => {
      const input = JSON.parse(key) as Request;
      void (async () => {
        try {
          const { yaml } = await client.call('suites.scaffold', input);
          const validation = await client.call('suites.validate', {
            yaml,
            sourcePath: 'new suite',
          });
          if (isCurrent) setAnswer({ key, scaffold: { status: 'done', yaml, validation } });
        } catch (error) {
          if (isCurrent)
            setAnswer({ key, scaffold: { status: 'error', message: errorMessage(error) } });
        }
      })();
    }, debounceMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (!key) return { status: 'idle' };
  return answer?.key === key ? answer.scaffold : { status: 'working' };
}
