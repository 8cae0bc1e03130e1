import { useEffect, useState } from 'react';
import type { Measure, SessionAgreement, SessionDetail } from '@contract/routes/labeling';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDuration } from '../../format';
import { errorMessage } from '../../stores/load';
import { useLabeling } from '../../stores/labeling';
import { hrefOf } from '../../stores/ui';
import { Interval } from '../calibrate/Interval';

/** A session's progress per rater and the agreement between its raters (items to discuss). */
export function SessionSummaryView({ sessionId }: { sessionId: string }) {
  const raterId = useLabeling((s) => s.raterId);
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [agreement, setAgreement] = useState<{ key: string; report: SessionAgreement } | null>(
    null,
  );
  const [measure, setMeasure] = useState<Measure | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!api) return;
    api
      .call('labeling.session', { sessionId })
      .then(setDetail)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [sessionId]);
  const key = `${measure ?? ''}|${raterId ?? ''}`;
  useEffect(() => {
    if (!api || !detail) return;
    api
      .call('labeling.agreement', {
        sessionId,
        ...(measure ? { measure } : {}),
        ...(raterId ? { viewerRaterId: raterId } : {}),
      })
      .then((report) => setAgreement({ key, report }))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [sessionId, detail, measure, raterId, key]);

  if (error) return <ErrorNotice message={error} />;
  if (!detail) return <Loading what="the session" />;
  const measures: Measure[] =
    detail.kind === 'pairwise'
      ? ['choice']
      : detail.rubric.passFail
        ? ['score', 'pass']
        : ['score'];
  return (
    <div className="page">
      <header className="page-header">
        <a href={hrefOf('label')}>← Sessions</a>
        <h1>{detail.name}</h1>
        <p className="meta">
          {detail.kind}
          {detail.isBlind ? ', blind' : ''} · {detail.completeTasks} of {detail.tasks} tasks
          complete · {detail.labels} labels · “{detail.rubric.question}”
        </p>
      </header>
      <h2>Raters</h2>
      <table className="table" data-testid="rater-progress">
        <thead>
          <tr>
            <th>Rater</th>
            <th className="num">Rated here</th>
            <th className="num">Rated before</th>
            <th className="num">Waiting</th>
            <th className="num">Pace</th>
            <th className="num">ETA</th>
          </tr>
        </thead>
        <tbody>
          {detail.progress.map((p) => (
            <tr key={p.raterId}>
              <td>{p.rater}</td>
              <td className="num">{p.rated}</td>
              <td className="num">{p.inherited}</td>
              <td className="num">{p.pending}</td>
              <td className="num">
                {p.perMinute === null ? '—' : `${p.perMinute.toFixed(1)} / min`}
              </td>
              <td className="num">
                {p.etaMs === null || p.pending === 0 ? '—' : formatDuration(p.etaMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        Agreement{' '}
        {measures.length > 1 && (
          <select
            value={measure ?? measures[0]}
            onChange={(e) => setMeasure(e.target.value as Measure)}
            aria-label="Measure"
          >
            {measures.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        )}
      </h2>
      {agreement?.key !== key ? (
        <Loading what="agreement" />
      ) : (
        <AgreementView report={agreement.report} />
      )}
    </div>
  );
}

function AgreementView({ report }: { report: SessionAgreement }) {
  return (
    <>
      {report.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <div className="stat-grid">
        <div className="stat">
          <div className="stat-value" data-testid="alpha">
            {report.krippendorff.alpha === null ? '—' : report.krippendorff.alpha.toFixed(3)}
          </div>
          <div className="stat-label">
            Krippendorff&apos;s α ({report.level}) <Interval value={report.krippendorff.interval} />
          </div>
        </div>
        {report.fleiss && (
          <div className="stat">
            <div className="stat-value">
              {report.fleiss.kappa === null ? '—' : report.fleiss.kappa.toFixed(3)}
            </div>
            <div className="stat-label">
              Fleiss&apos; κ <Interval value={report.fleiss.interval} />
            </div>
          </div>
        )}
        <div className="stat">
          <div className="stat-value">{report.overlappingUnits}</div>
          <div className="stat-label">items rated by 2+ people</div>
        </div>
      </div>
      {report.pairs.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Raters</th>
              <th className="num">Items</th>
              <th>Agreement</th>
              <th>Cohen&apos;s κ</th>
              <th>Spearman</th>
            </tr>
          </thead>
          <tbody>
            {report.pairs.map((p) => (
              <tr key={p.raters.join()}>
                <td>{p.raters.join(' ~ ')}</td>
                <td className="num">{p.n}</td>
                <td>
                  <Interval value={p.agreement} showEstimate />
                </td>
                <td>
                  <Interval value={{ ...p.kappaInterval, estimate: p.kappa }} showEstimate />{' '}
                  <span className="muted">{p.weighting}</span>
                </td>
                <td>{p.spearman ? <Interval value={p.spearman.interval} showEstimate /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.raterDiagnostics.length > 0 && (
        <>
          <h2>Rater bias and drift</h2>
          <table className="table">
            <thead>
              <tr>
                <th>Rater</th>
                <th className="num">Ratings</th>
                <th>Offset from others</th>
                <th>Drift (τ over time)</th>
              </tr>
            </thead>
            <tbody>
              {report.raterDiagnostics.map((d) => (
                <tr key={d.rater}>
                  <td>{d.rater}</td>
                  <td className="num">{d.ratings}</td>
                  <td>{d.meanOffset ? <Interval value={d.meanOffset} showEstimate /> : '—'}</td>
                  <td>
                    {d.drift.trend
                      ? `${d.drift.trend.estimate?.toFixed(2) ?? '—'} (p ${d.drift.trend.pValue?.toFixed(3) ?? '—'})`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Items to discuss</h2>
      {report.withheldReason && (
        <p className="muted" data-testid="withheld">
          {report.withheldReason}
        </p>
      )}
      {report.mostDisagreed.length === 0 ? (
        <p className="muted">No disagreement to show.</p>
      ) : (
        <table className="table" data-testid="most-disagreed">
          <thead>
            <tr>
              <th>Task</th>
              <th className="num">Disagreement</th>
              <th>Labels</th>
            </tr>
          </thead>
          <tbody>
            {report.mostDisagreed.map((u) => (
              <tr key={u.taskId}>
                <td>
                  #{u.position + 1} <span className="muted">{u.itemKey}</span>
                </td>
                <td className="num">{u.disagreement?.toFixed(2) ?? '—'}</td>
                <td>
                  {u.ratings.map((r) => (
                    <div key={r.rater}>
                      <strong>{r.rater}</strong>: {r.label}
                      {r.note && <span className="muted"> — {r.note}</span>}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
