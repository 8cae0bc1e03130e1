import { useState } from 'react';
import type { FailureMode } from '@contract/routes/labelingSchemas';
import type { DetailOutput, RowDetail } from '@contract/routes/results';
import { DiffEditor } from '../../components/editor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Markdown } from '../../components/Markdown';
import { errorMessage } from '../../stores/load';
import { useCompare } from '../../stores/compare';
import { formatScoreValue } from './scoreValue';
import { useWidthBelow } from './useWidthBelow';

/**
 * Narrower than this, Monaco shows a diff inline rather than side by side (its
 * `renderSideBySideInlineBreakpoint`); asked for inline here too, the labels above it can say
 * which side is which the same way.
 */
const UNIFIED_DIFF_BELOW_PX = 900;

const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});
const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
const num = (v: number | null) => (v === null ? '—' : String(v));

function outputName(o: DetailOutput, twoRuns: boolean): string {
  const base = o.promptKey === 'p1' ? o.modelKey : `${o.modelKey} · ${o.promptKey}`;
  return twoRuns ? `${o.runName} · ${base}` : base;
}

function Measures({ o }: { o: DetailOutput }) {
  return (
    <dl className="cmp-measures">
      <dt>latency</dt>
      <dd>{ms(o.latencyMs)}</dd>
      <dt>TTFT</dt>
      <dd>{ms(o.ttftMs)}</dd>
      <dt>tokens in / out</dt>
      <dd>
        {num(o.inputTokens)} / {num(o.outputTokens)}
        {o.isTokenEstimate ? ' (estimated)' : ''}
      </dd>
      <dt>cost</dt>
      <dd>{o.costUsd === null ? '—' : usd.format(o.costUsd)}</dd>
      {o.isCached && (
        <>
          <dt>cache</dt>
          <dd>answered from the response cache</dd>
        </>
      )}
    </dl>
  );
}

function FailureModePicker({ o, modes }: { o: DetailOutput; modes: FailureMode[] }) {
  const tagCell = useCompare((s) => s.tagCell);
  const [error, setError] = useState<string | null>(null);
  const active = modes.filter((m) => !m.isArchived);
  if (active.length === 0)
    return (
      <p className="muted">No failure modes yet: add one under “Failure modes” below the grid.</p>
    );
  const toggle = (id: string) => {
    const next = o.failureModeIds.includes(id)
      ? o.failureModeIds.filter((m) => m !== id)
      : [...o.failureModeIds, id];
    setError(null);
    tagCell(o.cellId, next).catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <div className="cmp-modes" role="group" aria-label={`Failure modes of ${o.modelKey}`}>
      {active.map((m) => (
        <button
          key={m.id}
          type="button"
          className="tag-toggle"
          aria-pressed={o.failureModeIds.includes(m.id)}
          title={m.description ?? undefined}
          onClick={() => toggle(m.id)}
        >
          {m.name}
        </button>
      ))}
      {error && <span className="danger">{error}</span>}
    </div>
  );
}

function OutputView({ o, name, modes }: { o: DetailOutput; name: string; modes: FailureMode[] }) {
  return (
    <section className="cmp-output" data-testid="detail-output" aria-label={`Output of ${name}`}>
      <h3>{name}</h3>
      {o.status === 'error' ? (
        <p className="danger">
          {o.errorClass}: {o.errorMessage}
        </p>
      ) : o.output === null ? (
        <p className="muted">No answer stored.</p>
      ) : (
        <Markdown text={o.output} />
      )}
      <Measures o={o} />
      {o.scores.length > 0 && (
        <table className="table cmp-scores">
          <thead>
            <tr>
              <th>Scorer</th>
              <th>Value</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {o.scores.map((s) => (
              <tr key={s.scorerKey}>
                <td>
                  {s.scorerKey} <span className="muted">{s.scorerType}</span>
                </td>
                <td
                  data-testid="detail-score-value"
                  title={s.value === null ? undefined : String(s.value)}
                >
                  {s.error ? (
                    <span className="danger">{s.error}</span>
                  ) : s.value === null ? (
                    '—'
                  ) : (
                    formatScoreValue(s.value)
                  )}
                </td>
                <td>
                  <span
                    className={
                      s.isPass === null
                        ? 'cmp-verdict'
                        : s.isPass
                          ? 'cmp-verdict is-pass'
                          : 'cmp-verdict is-fail'
                    }
                  >
                    {s.isPass === null ? '—' : s.isPass ? 'pass' : 'fail'}
                  </span>
                  {s.isOverridden && (
                    <span className="muted">
                      {' '}
                      (overridden; automated{' '}
                      {s.automatedIsPass === null ? '—' : s.automatedIsPass ? 'pass' : 'fail'})
                    </span>
                  )}
                  {s.reasoning && (
                    <details className="cmp-reasoning">
                      <summary>judge’s reasoning</summary>
                      <p>{s.reasoning}</p>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {o.labels.length > 0 && (
        <ul className="cmp-labels" aria-label="Human labels">
          {o.labels.map((l) => (
            <li key={l.labelId}>
              <strong>{l.rater}</strong>
              {l.sessionName && <span className="muted"> in {l.sessionName}</span>}:{' '}
              {l.role === 'single'
                ? `${l.score ?? '—'}${l.isPass === null ? '' : l.isPass ? ', pass' : ', fail'}`
                : `pairwise choice ${l.choice ?? '—'} (this output is ${l.role})`}
              {l.note && <span className="muted"> — {l.note}</span>}
            </li>
          ))}
        </ul>
      )}
      <FailureModePicker o={o} modes={modes} />
    </section>
  );
}

function DiffChooser({ detail, names }: { detail: RowDetail; names: string[] }) {
  const [left, setLeft] = useState(0);
  const [right, setRight] = useState(Math.min(1, detail.outputs.length - 1));
  const [isShown, setShown] = useState(false);
  const [sectionRef, isNarrow] = useWidthBelow(UNIFIED_DIFF_BELOW_PX);
  if (detail.outputs.length < 2) return null;
  const a = detail.outputs[left];
  const b = detail.outputs[right];
  return (
    <section className="cmp-diff" aria-label="Diff of two outputs" ref={sectionRef}>
      <div className="inline-form">
        <label>
          Diff
          <select
            value={left}
            onChange={(e) => setLeft(Number(e.target.value))}
            aria-label="Left output"
          >
            {names.map((n, i) => (
              <option key={n} value={i}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          with
          <select
            value={right}
            onChange={(e) => setRight(Number(e.target.value))}
            aria-label="Right output"
          >
            {names.map((n, i) => (
              <option key={n} value={i}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setShown((v) => !v)} aria-expanded={isShown}>
          {isShown ? 'Hide diff' : 'Show diff'}
        </button>
      </div>
      {isShown && a && b && (
        <div
          className={isNarrow === false ? 'cmp-diff-editor' : 'cmp-diff-editor is-unified'}
          data-testid="compare-diff"
        >
          <DiffEditor
            sideBySide={isNarrow === false}
            original={a.output ?? ''}
            modified={b.output ?? ''}
            originalLabel={names[left] ?? ''}
            modifiedLabel={names[right] ?? ''}
          />
        </div>
      )}
    </section>
  );
}

/** The open row in full: prompt, outputs, diff, scores and judge reasoning, labels, tags. */
export function DetailPane({ modes }: { modes: FailureMode[] }) {
  const detail = useCompare((s) => s.detail);
  const close = useCompare((s) => s.closeDetail);
  const openRow = useCompare((s) => s.openRow);
  if (detail.status === 'error')
    return (
      <ErrorNotice
        message={detail.message}
        onRetry={openRow ? () => void useCompare.getState().openDetail(openRow) : undefined}
      />
    );
  if (detail.status !== 'ready') return <Loading what="the outputs" />;
  const d = detail.value;
  const twoRuns = new Set(d.outputs.map((o) => o.runId)).size > 1;
  const names = d.outputs.map((o) => outputName(o, twoRuns));
  const prompt = d.outputs.find((o) => o.renderedPrompt !== null)?.renderedPrompt ?? null;
  return (
    <aside className="cmp-detail" aria-label="Row detail" data-testid="compare-detail">
      <header className="cmp-detail-head">
        <h2>
          <code>{d.itemKey}</code> {d.category && <span className="tag">{d.category}</span>}
          {d.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </h2>
        <button type="button" onClick={close} aria-label="Close detail (Esc)">
          ✕
        </button>
      </header>
      <details open>
        <summary>Prompt as sent</summary>
        <pre className="cmp-prompt">{prompt ?? d.input}</pre>
      </details>
      {d.reference !== null && (
        <details>
          <summary>Reference answer</summary>
          <pre className="cmp-prompt">{d.reference}</pre>
        </details>
      )}
      <DiffChooser key={d.outputs.map((o) => o.cellId).join()} detail={d} names={names} />
      {d.outputs.map((o, i) => (
        <OutputView key={o.cellId} o={o} name={names[i] ?? o.modelKey} modes={modes} />
      ))}
    </aside>
  );
}
