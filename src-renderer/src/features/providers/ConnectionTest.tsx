import { useState } from 'react';
import type { ConnectionTestResult, RouteInput } from '@contract/index';
import { api } from '../../api/client';
import { formatDuration } from '../../format';
import { errorMessage } from '../../stores/load';

type Target = RouteInput<'providers.test'>;

/** "Test connection": lists the provider's models through the core, and says what happened. */
export function ConnectionTest({ target, disabled }: { target: Target; disabled?: boolean }) {
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'testing' }
    | { status: 'done'; result: ConnectionTestResult }
    | { status: 'error'; message: string }
  >({ status: 'idle' });
  const run = async () => {
    if (!api) return;
    setState({ status: 'testing' });
    try {
      setState({ status: 'done', result: await api.call('providers.test', target) });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  };
  return (
    <div className="pv-test">
      <button type="button" onClick={run} disabled={disabled || state.status === 'testing'}>
        {state.status === 'testing' ? 'Testing…' : 'Test connection'}
      </button>
      <div role="status" aria-live="polite" data-testid="connection-result">
        {state.status === 'done' && (
          <div className={state.result.ok ? 'pv-ok' : 'pv-fail'}>
            <strong>{state.result.ok ? 'Connected' : 'Failed'}</strong> — {state.result.message}
            {state.result.latencyMs !== null && (
              <span className="muted"> ({formatDuration(state.result.latencyMs)})</span>
            )}
            {state.result.models && state.result.models.length > 0 && (
              <div className="muted pv-models">
                {state.result.models.length} model(s): {state.result.models.slice(0, 12).join(', ')}
                {state.result.models.length > 12 ? ', …' : ''}
              </div>
            )}
          </div>
        )}
        {state.status === 'error' && (
          <div className="pv-fail">
            <strong>Could not test</strong> — {state.message}
          </div>
        )}
      </div>
    </div>
  );
}
