import type { RunDetail } from '@contract/index';
import type { ModelSummary, RunScoreSummary } from '@contract/routes/scoring';
import { Figure, IntervalFigure } from './Figure';

/** " (1 cold-start excluded)": only the exclusions there are, not "0 cached and …". */
function latencyExclusions(model: ModelSummary): string {
  const { excludedCached, excludedColdStart } = model.latency;
  const parts = [
    excludedCached > 0 ? `${excludedCached} cached` : null,
    excludedColdStart > 0 ? `${excludedColdStart} cold-start` : null,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(' and ')} excluded)` : '';
}

function OperationalFigures({
  model,
  ttftP50Ms,
  level,
}: {
  model: ModelSummary;
  ttftP50Ms: number | null;
  level: number;
}) {
  const id = (name: string) => `${model.modelKey}/${name}`;
  const ops = model.operational;
  return (
    <dl className="results-ops">
      {(['p50', 'p95', 'p99'] as const).map((p) => (
        <div key={p}>
          <dt>{p} latency (ms)</dt>
          <dd>
            <IntervalFigure
              id={id(`latency.${p}`)}
              estimate={model.latency[p]}
              kind="ms"
              level={level}
            />
          </dd>
        </div>
      ))}
      <div>
        <dt>TTFT p50 (ms)</dt>
        <dd>
          <Figure id={id('ttft.p50')} value={ttftP50Ms} kind="ms" />
        </dd>
      </div>
      <div>
        <dt>Cost per successful task</dt>
        <dd>
          <IntervalFigure
            id={id('cost.perSuccess')}
            estimate={ops.costPerSuccessUsd}
            kind="usd"
            level={level}
          />
        </dd>
      </div>
      <div>
        <dt>Error rate</dt>
        <dd>
          <IntervalFigure id={id('errorRate')} estimate={ops.errorRate} kind="rate" level={level} />
        </dd>
      </div>
    </dl>
  );
}

function ModelTable({
  model,
  ttftP50Ms,
  level,
}: {
  model: ModelSummary;
  ttftP50Ms: number | null;
  level: number;
}) {
  return (
    <section className="results-model" data-testid={`model-${model.modelKey}`}>
      <h3>
        {model.modelKey}{' '}
        <span className="muted">
          {model.responses} responses · {model.errors} errors · latency over {model.latency.n}
          {latencyExclusions(model)}
        </span>
      </h3>
      <OperationalFigures model={model} ttftP50Ms={ttftP50Ms} level={level} />
      <table className="table results-scores">
        <thead>
          <tr>
            <th>Scorer</th>
            <th className="num">Score [{Math.round(level * 100)}% interval]</th>
            <th className="num">Pass rate</th>
            <th className="num">Items</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {model.scorers.map((s) => {
            const score = s.valueType === 'binary' ? s.passRate : s.mean;
            const id = `${model.modelKey}/${s.scorerKey}`;
            return (
              <tr key={s.scorerKey}>
                <td>
                  {s.scorerKey} <span className="muted">{s.scorerType}</span>
                </td>
                <td className="num">
                  <IntervalFigure id={`${id}/score`} estimate={score} kind="score" level={level} />
                </td>
                <td className="num">
                  <IntervalFigure
                    id={`${id}/passRate`}
                    estimate={s.passRate}
                    kind="rate"
                    level={level}
                  />
                </td>
                <td className="num">{s.items}</td>
                <td className="muted">
                  {[
                    s.warning,
                    s.overridden ? `${s.overridden} overridden by a person` : null,
                    s.unscored ? `${s.unscored} not scored yet` : null,
                    s.errors ? `${s.errors} scorer errors` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A table per model: every scorer's score and pass rate with intervals, then operations. */
export function ModelTables({
  summary,
  detail,
}: {
  summary: RunScoreSummary;
  detail: RunDetail | null;
}) {
  return (
    <div className="results-models">
      {summary.models.map((m) => (
        <ModelTable
          key={m.modelKey}
          model={m}
          level={summary.confidenceLevel}
          ttftP50Ms={
            detail?.models.find((d) => d.modelKey === m.modelKey)?.latency.ttftP50Ms ?? null
          }
        />
      ))}
    </div>
  );
}
