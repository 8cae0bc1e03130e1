import { useEffect, useMemo } from 'react';
import type { Measure } from '@contract/routes/labeling';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { bindCalibrationEvents, judgeKey, useCalibration } from '../../stores/calibration';
import { useLabeling } from '../../stores/labeling';
import { hrefOf } from '../../stores/ui';
import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';
import { ReportView } from './ReportView';
import { VersionsPanel } from './VersionsPanel';
import './calibrate.css';

/** Pick a human session and a judge over the same outputs; everything shown comes from the core. */
export function CalibratePage() {
  const sessions = useLabeling((s) => s.sessions);
  const loadSessions = useLabeling((s) => s.loadSessions);
  const sessionId = useCalibration((s) => s.sessionId);
  const options = useCalibration((s) => s.options);
  const judge = useCalibration((s) => s.judge);
  const variantId = useCalibration((s) => s.variantId);
  const measure = useCalibration((s) => s.measure);
  const report = useCalibration((s) => s.report);
  const selectSession = useCalibration((s) => s.selectSession);
  const selectJudge = useCalibration((s) => s.selectJudge);
  const selectVariant = useCalibration((s) => s.selectVariant);
  const selectMeasure = useCalibration((s) => s.selectMeasure);
  useEffect(() => {
    void loadSessions();
    return bindCalibrationEvents();
  }, [loadSessions]);
  const list = useMemo(
    () =>
      sessions.status === 'ready'
        ? sessions.value.filter((s) => !s.isImported && s.labels > 0)
        : null,
    [sessions],
  );
  useEffect(() => {
    // Pick from the list this visit reloads, not from the one another screen left behind (a
    // session rated a moment ago would be missing from it, and an older one chosen instead).
    if (useLabeling.getState().sessions.status !== 'ready') return;
    if (list && list.length > 0 && !list.some((s) => s.id === sessionId))
      void selectSession((list[0] as { id: string }).id);
  }, [list, sessionId, selectSession]);

  if (sessions.status === 'error')
    return <ErrorNotice message={sessions.message} onRetry={loadSessions} />;
  if (!list) return <Loading what="rating sessions" />;
  if (list.length === 0)
    return (
      <NeedsFinishedRun title="Check the judges against people">
        Agreement, correlation and bias probes between an LLM judge and a human rating session over
        the same outputs. No rating session has labels yet: rate a run&apos;s outputs under{' '}
        <a href={hrefOf('label')}>Label</a> first.
      </NeedsFinishedRun>
    );
  const opts = options.status === 'ready' ? options.value : null;
  const source = opts?.judges.find((j) => judgeKey(j.runId, j.scorerKey) === judge) ?? null;
  return (
    <div className="page calibrate">
      <header className="page-header">
        <h1>Check the judges against people</h1>
      </header>
      <div className="calibrate-pickers">
        <label>
          Human session
          <select
            value={sessionId ?? ''}
            onChange={(e) => void selectSession(e.target.value)}
            aria-label="Human session"
          >
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.kind}, {s.labels} labels)
              </option>
            ))}
          </select>
        </label>
        <label>
          Judge
          <select
            value={judge ?? ''}
            onChange={(e) => selectJudge(e.target.value)}
            aria-label="Judge"
            disabled={!opts || opts.judges.length === 0}
          >
            {opts?.judges.map((j) => (
              <option key={judgeKey(j.runId, j.scorerKey)} value={judgeKey(j.runId, j.scorerKey)}>
                {j.scorerKey} ({j.scorerType}) · {j.runName} · {j.scored} scored
              </option>
            ))}
          </select>
        </label>
        {source && source.variants.length > 0 && (
          <label>
            Version
            <select
              value={variantId ?? ''}
              onChange={(e) => selectVariant(e.target.value || null)}
              aria-label="Judge version"
            >
              <option value="">as run</option>
              {source.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} ({v.status})
                </option>
              ))}
            </select>
          </label>
        )}
        {opts && opts.measures.length > 1 && (
          <label>
            Compare
            <select
              value={measure ?? opts.measures[0]}
              onChange={(e) => selectMeasure(e.target.value as Measure)}
              aria-label="Measure"
            >
              {opts.measures.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {options.status === 'error' && <ErrorNotice message={options.message} />}
      {opts?.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {opts && opts.judges.length === 0 ? (
        <EmptyState title="No judge to compare">
          The runs of this session have no LLM judge scorer of the matching kind (judge-rubric for
          pointwise sessions, judge-pairwise for pairwise ones).
        </EmptyState>
      ) : report.status === 'error' ? (
        <ErrorNotice message={report.message} />
      ) : report.status === 'ready' ? (
        <>
          <ReportView report={report.value} />
          {source && <VersionsPanel source={source} />}
        </>
      ) : (
        <Loading what="the calibration" />
      )}
    </div>
  );
}
