import { useEffect, useState } from 'react';
import type { RunEstimate } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatDuration } from '../../format';
import { errorMessage } from '../../stores/load';
import { useRuns } from '../../stores/runs';
import { navigate } from '../../stores/ui';
import { formatCostBound, formatTokens, formatUsd } from './money';

const debounceMs = 400;

/** "at most $0.41 + 1 unpriced model (sim-b)": the known part stays on screen. */
function CostBound({ estimate }: { estimate: RunEstimate }) {
  const { bound, unpriced } = formatCostBound(estimate);
  return (
    <span data-testid="estimate-cost">
      {bound === null ? (
        `cost unknown: ${unpriced}`
      ) : (
        <>
          at most <strong>{bound}</strong>
          {unpriced && ` + ${unpriced}`}
        </>
      )}
    </span>
  );
}

/**
 * What a run of the suite being edited would send (`runs.estimate`), and the button that
 * saves the suite and starts it (`runs.start`), then opens the run's live page.
 */
export function RunLauncher({
  yaml,
  isValid,
  save,
}: {
  yaml: string;
  isValid: boolean;
  /** Saves the editor's text; resolves to the stored suite's id, or null when refused. */
  save: () => Promise<string | null>;
}) {
  const [estimate, setEstimate] = useState<RunEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [limit, setLimit] = useState('');
  const loadRuns = useRuns((s) => s.loadList);
  const limitValue = /^\d+$/.test(limit) && Number(limit) > 0 ? Number(limit) : undefined;

  useEffect(() => {
    if (!isValid) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      api
        ?.call('runs.estimate', {
          suite: { yaml },
          ...(limitValue ? { plan: { limit: limitValue } } : {}),
        })
        .then((e) => {
          if (!isCurrent) return;
          setEstimate(e);
          setError(null);
        })
        .catch((e: unknown) => isCurrent && setError(errorMessage(e)));
    }, debounceMs);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [yaml, isValid, limitValue]);

  const start = async () => {
    if (!api) return;
    setIsStarting(true);
    try {
      const suiteId = await save();
      if (!suiteId) return;
      const started = await api.call('runs.start', {
        suite: { suiteId },
        ...(limitValue ? { plan: { limit: limitValue } } : {}),
      });
      void loadRuns();
      navigate('runs', started.runId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsStarting(false);
    }
  };

  return (
    <div className="su-launcher" data-testid="run-estimate">
      {!isValid && (
        // Also shown while the suite is being checked: say what is awaited, not that it is wrong.
        <p className="muted">What a run would send and cost shows once the suite is valid.</p>
      )}
      {isValid && !estimate && !error && <p className="muted">Estimating…</p>}
      {isValid && estimate && (
        <>
          <p>
            <strong>{formatCount(estimate.cellCount)}</strong> requests (
            {formatCount(estimate.itemCount)} items) · <CostBound estimate={estimate} />
            {estimate.estimatedMs !== null && (
              <>
                {' '}
                · about <strong>{formatDuration(estimate.estimatedMs)}</strong>
              </>
            )}
          </p>
          <div className="su-scroll">
            <table className="table su-estimate">
              <thead>
                <tr>
                  <th>Model</th>
                  <th className="num">Input tokens</th>
                  <th className="num">Output ≤</th>
                  <th className="num">Cost ≤</th>
                  <th className="num">Time</th>
                </tr>
              </thead>
              <tbody>
                {estimate.models.map((m) => (
                  <tr key={m.modelKey}>
                    {/* Every model sends as many requests (the line above says how many). */}
                    <td title={`${formatCount(m.cells)} requests`}>{m.modelKey}</td>
                    <td className="num">{formatTokens(m.inputTokens)}</td>
                    <td className="num">{formatTokens(m.maxOutputTokens)}</td>
                    <td className="num">{formatUsd(m.maxCostUsd)}</td>
                    <td
                      className="num"
                      title={
                        m.latencySamples
                          ? `from the median of ${m.latencySamples} earlier responses`
                          : 'no earlier responses of this model to time it by'
                      }
                    >
                      {m.estimatedMs === null ? '—' : formatDuration(m.estimatedMs)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted su-note">
            {estimate.isTokenEstimate ? 'Input tokens are estimated. ' : ''}Output and cost are
            upper bounds: every request producing its max_tokens. Times come from earlier runs of
            the same model (— when there are none).
          </p>
        </>
      )}
      <div className="su-launch-row">
        <label>
          First N items{' '}
          <input
            type="number"
            min="1"
            value={limit}
            placeholder="all"
            onChange={(e) => setLimit(e.target.value)}
            aria-label="Use only the first N items"
          />
        </label>
        <button type="button" className="primary" onClick={start} disabled={!isValid || isStarting}>
          {isStarting ? 'Starting…' : 'Save and run'}
        </button>
      </div>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
