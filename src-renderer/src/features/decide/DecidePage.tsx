import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { useDecide } from '../../stores/decide';
import { valueOf } from '../../stores/load';
import { useRuns } from '../../stores/runs';
import { hrefOf, navigate, useUi } from '../../stores/ui';
import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';
import { CriteriaTable } from './CriteriaTable';
import { DecisionHistory } from './DecisionHistory';
import { ExportPanel } from './ExportPanel';
import { VerdictPanel } from './VerdictPanel';
import './decide.css';

/**
 * Ship or don't ship: pick a run (and a baseline for `.delta` criteria), see every candidate
 * against the suite's criteria, record a decision, read its reasons, and export the report.
 * `#/decide/<runId>` opens a run directly.
 */
export function DecidePage() {
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  const param = useUi((s) => s.route.params[0]);
  const state = useDecide();
  const [justRecordedId, setJustRecordedId] = useState<string | null>(null);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const finished = useMemo(
    () => (list.status === 'ready' ? list.value.filter((r) => r.status === 'completed') : null),
    [list],
  );
  const runId =
    param && finished?.some((r) => r.id === param) ? param : (finished?.[0]?.id ?? null);
  const selectRun = state.selectRun;
  useEffect(() => {
    if (runId) void selectRun(runId);
  }, [runId, selectRun]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (!finished) return <Loading what="runs" />;
  if (finished.length === 0)
    return (
      <NeedsFinishedRun title="Ship or don't ship">
        The suite&apos;s decision criteria against each candidate&apos;s scores and their confidence
        intervals.
      </NeedsFinishedRun>
    );
  const criteria = valueOf(state.criteria);
  const history = valueOf(state.history) ?? [];
  const selected = history.find((d) => d.id === state.selectedDecisionId) ?? null;
  const selectedRun = finished.find((r) => r.id === state.runId) ?? null;
  return (
    <div className="page decide">
      <header className="page-header">
        <h1>Ship or don&apos;t ship</h1>
      </header>
      <div className="decide-pickers">
        <label>
          Run
          <select
            aria-label="Run"
            value={state.runId ?? ''}
            onChange={(e) => navigate('decide', e.target.value)}
          >
            {finished.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} · {r.suiteName} · {formatDate(r.createdAt)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Baseline run (for .delta criteria)
          <select
            aria-label="Baseline run"
            value={state.baselineRunId ?? ''}
            onChange={(e) => void state.selectBaseline(e.target.value || null)}
          >
            <option value="">none</option>
            {finished
              .filter((r) => r.id !== state.runId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {formatDate(r.createdAt)}
                </option>
              ))}
          </select>
        </label>
        {state.baselineModels.length > 1 && (
          <label>
            Baseline model
            <select
              aria-label="Baseline model"
              value={state.baselineModel ?? ''}
              onChange={(e) => void state.selectBaselineModel(e.target.value)}
            >
              {state.baselineModels.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
        {state.runId && <a href={hrefOf('runs', state.runId)}>Results of this run →</a>}
      </div>
      <h2>Criteria</h2>
      {state.criteria.status === 'error' ? (
        <ErrorNotice message={state.criteria.message} onRetry={() => void state.loadCriteria()} />
      ) : !criteria ? (
        <Loading what="the criteria" />
      ) : !criteria.hasCriteria ? (
        <EmptyState title="This suite has no decision criteria">
          <p>
            Add a <code>criteria</code> section to the suite (metric, acceptable and ideal bounds,
            weight, hard gate) and run it again: criteria are part of the run, and the cache makes
            the second run free.
          </p>
          {selectedRun && (
            <p>
              <a href={hrefOf('suites', selectedRun.suiteId)}>
                Open the suite {selectedRun.suiteName}
              </a>
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <CriteriaTable
            candidates={criteria.candidates}
            weights={state.weights}
            onWeight={(metric, weight) => void state.setWeight(metric, weight)}
            onDecide={(modelKey) =>
              void state.decide(modelKey).then(() => {
                const after = useDecide.getState();
                if (!after.decideError) setJustRecordedId(after.selectedDecisionId);
              })
            }
            deciding={state.deciding?.modelKey ?? null}
          />
          {Object.keys(state.weights).length > 0 && (
            <button type="button" onClick={() => void state.resetWeights()}>
              Back to the suite&apos;s weights
            </button>
          )}
        </>
      )}
      {state.decideError && <ErrorNotice message={state.decideError} />}
      <div className="decide-columns">
        <div>
          <h2>Decision</h2>
          {selected ? (
            <VerdictPanel decision={selected} isJustRecorded={selected.id === justRecordedId} />
          ) : (
            <p className="muted">Record a decision to see its verdict and reasons here.</p>
          )}
        </div>
        <div>
          <h2>History</h2>
          {state.history.status === 'error' ? (
            <ErrorNotice message={state.history.message} onRetry={() => void state.loadHistory()} />
          ) : (
            <DecisionHistory
              decisions={history}
              selectedId={state.selectedDecisionId}
              onSelect={state.selectDecision}
            />
          )}
        </div>
      </div>
      <h2>Export</h2>
      {state.runId && <ExportPanel runId={state.runId} decisionId={selected?.id ?? null} />}
    </div>
  );
}
