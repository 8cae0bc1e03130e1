import { useEffect, useState } from 'react';
import type { RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';

type Validation = RouteOutput<'suites.validate'>;

export type SuiteCheck =
  | { status: 'checking'; previous: Validation | null }
  | { status: 'done'; result: Validation }
  | { status: 'error'; message: string };

const debounceMs = 350;

type Answer = { yaml: string } & ({ result: Validation } | { message: string });

/** The core's verdict on the text being edited (`suites.validate`), a moment after typing stops. */
export function useSuiteCheck(yaml: string, sourcePath: string): SuiteCheck {
  // The newest answer and the text it is about: an answer about older text means "checking".
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    let isCurrent = true;
    const timer = setTimeout(() => {
      api
        ?.call('suites.validate', { yaml, sourcePath })
        .then((result) => isCurrent && setAnswer({ yaml, result }))
        .catch((error: unknown) => isCurrent && setAnswer({ yaml, message: errorMessage(error) }));
    }, debounceMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [yaml, sourcePath]);
  const previous = answer && 'result' in answer ? answer.result : null;
  if (!answer || answer.yaml !== yaml) return { status: 'checking', previous };
  if ('message' in answer) return { status: 'error', message: answer.message };
  return { status: 'done', result: answer.result };
}

export function issuesOf(check: SuiteCheck) {
  if (check.status === 'done') return check.result.issues;
  if (check.status === 'checking') return check.previous?.issues ?? [];
  return [];
}
