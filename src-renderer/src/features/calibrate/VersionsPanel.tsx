import { useState } from 'react';
import type { JudgeSource } from '@contract/routes/labeling';
import { CodeEditor } from '../../components/editor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage } from '../../stores/load';
import { useCalibration } from '../../stores/calibration';
import { Interval } from './Interval';

/**
 * Iterating on a judge: edit its parameters (criteria, anchors, judge models), re-run it on this
 * session's outputs only, and compare the versions with the original — and pick the cheapest
 * one that reaches a target agreement.
 */
export function VersionsPanel({ source }: { source: JudgeSource }) {
  const comparison = useCalibration((s) => s.comparison);
  const target = useCalibration((s) => s.target);
  const criterion = useCalibration((s) => s.criterion);
  const setTarget = useCalibration((s) => s.setTarget);
  const createVariant = useCalibration((s) => s.createVariant);
  const [text, setText] = useState(() => JSON.stringify(source.params, null, 2));
  const [name, setName] = useState(`v${source.variants.length + 2}`);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = () => {
    setError(null);
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      setError(`the parameters are not valid JSON: ${(e as Error).message}`);
      return;
    }
    createVariant(name.trim(), params)
      .then(() => setMessage(`Re-running "${name}" on this session's outputs (see the job tray).`))
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <section className="calibrate-versions" aria-label="Judge versions">
      <h2>Iterate on the judge</h2>
      <div className="calibrate-editor">
        {/* Plain text: the app's Monaco workers serve YAML only; the core validates the JSON. */}
        <CodeEditor
          value={text}
          language="plaintext"
          path={`file:///judge-${source.scorerKey}.json`}
          onChange={setText}
          ariaLabel={`Parameters of ${source.scorerKey}`}
        />
      </div>
      <div className="inline-form">
        <label>
          Version name{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <button type="button" onClick={run} disabled={!name.trim()}>
          Re-run on this session
        </button>
      </div>
      {message && <p className="muted">{message}</p>}
      {error && <ErrorNotice message={error} />}
      <h2>Versions compared</h2>
      <div className="inline-form">
        <label>
          Target agreement
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={target}
            onChange={(e) => setTarget(Number(e.target.value), criterion)}
          />
        </label>
        <label>
          Counts as reached with the
          <select
            value={criterion}
            onChange={(e) => setTarget(target, e.target.value as 'lower-bound' | 'estimate')}
          >
            <option value="lower-bound">whole interval above it</option>
            <option value="estimate">estimate above it</option>
          </select>
        </label>
      </div>
      {comparison.status === 'error' && <ErrorNotice message={comparison.message} />}
      {comparison.status === 'ready' ? (
        <>
          <p data-testid="cheapest-judge">
            <strong>
              {comparison.value.cheapest.chosen
                ? `Cheapest judge reaching ${target}: ${comparison.value.cheapest.chosen}`
                : 'No judge reaches the target'}
            </strong>{' '}
            <span className="muted">— {comparison.value.cheapest.reason}</span>
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>Judge</th>
                <th>Agreement</th>
                <th className="num">Cost per item</th>
                <th>Reaches target</th>
              </tr>
            </thead>
            <tbody>
              {comparison.value.cheapest.candidates.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>
                    <Interval value={c.agreement} showEstimate />
                  </td>
                  <td className="num">
                    {c.costPerItemUsd === null ? 'unknown' : `$${c.costPerItemUsd.toFixed(5)}`}
                  </td>
                  <td>{c.meetsTarget ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.value.versions.map((v) => (
            <p key={v.variantId}>
              <strong>{v.name}</strong> vs as run on {v.items} items: agreement{' '}
              <Interval value={v.before.agreement} showEstimate /> →{' '}
              <Interval value={v.after.agreement} showEstimate />, change{' '}
              <Interval value={v.agreementChange} showEstimate /> (McNemar p{' '}
              {v.agreementChange.pValue?.toFixed(3) ?? '—'}); κ change{' '}
              <Interval value={v.kappaChange} showEstimate />
            </p>
          ))}
          {comparison.value.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </>
      ) : (
        comparison.status !== 'error' && <Loading what="the versions" />
      )}
    </section>
  );
}
