import type { RunModelResult, RunProgress } from '@contract/index';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../format';
import { formatUsd } from './money';

function ErrorClasses({ byClass }: { byClass: Record<string, number> }) {
  const entries = Object.entries(byClass).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="rn-error-classes">
      {entries.map(([name, n]) => (
        <span key={name} className="tag rn-error-tag" title={`${n} ${name} error(s)`}>
          {name} {formatCount(n)}
        </span>
      ))}
    </span>
  );
}

/** One row per model: bar, counts, errors by class and money spent, as the core reported them. */
export function ModelProgressTable({ progress }: { progress: RunProgress }) {
  return (
    <table className="table rn-models" data-testid="model-progress">
      <thead>
        <tr>
          <th>Model</th>
          <th className="rn-bar-col">Progress</th>
          <th className="num">Done</th>
          <th className="num">OK</th>
          <th className="num">Errors</th>
          <th className="num">Cached</th>
          <th className="num" title="Money spent in this session; cached answers cost nothing">
            Spent so far
          </th>
          <th>Errors by class</th>
        </tr>
      </thead>
      <tbody>
        {progress.models.map((m) => (
          <tr key={m.modelKey} data-testid={`model-progress-${m.modelKey}`}>
            <td>{m.modelKey}</td>
            <td className="rn-bar-col">
              <ProgressBar done={m.done} total={m.total} label={`${m.modelKey} progress`} />
            </td>
            <td className="num">
              {formatCount(m.done)} / {formatCount(m.total)}
            </td>
            <td className="num">{formatCount(m.ok)}</td>
            <td className="num">{formatCount(m.errors)}</td>
            <td className="num">{formatCount(m.cached)}</td>
            <td className="num">{formatUsd(m.costUsd)}</td>
            <td>
              <ErrorClasses byClass={m.errorsByClass} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A run not executing here: what is stored per model (tokens, nominal cost, errors by class). */
export function StoredModelsTable({ models }: { models: RunModelResult[] }) {
  return (
    <table className="table rn-models" data-testid="model-progress">
      <thead>
        <tr>
          <th>Model</th>
          <th className="rn-bar-col">Progress</th>
          <th className="num">OK</th>
          <th className="num">Errors</th>
          <th className="num">Pending</th>
          <th className="num">Cached</th>
          <th className="num">Tokens in / out</th>
          <th
            className="num"
            title="What getting these answers cost at the stored prices, cached answers included"
          >
            Cost (nominal)
          </th>
          <th>Errors by class</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.modelKey} data-testid={`model-progress-${m.modelKey}`}>
            <td title={`${m.providerKind} · ${m.model}`}>{m.modelKey}</td>
            <td className="rn-bar-col">
              <ProgressBar
                done={m.total - m.pending}
                total={m.total}
                label={`${m.modelKey} progress`}
              />
            </td>
            <td className="num">{formatCount(m.ok)}</td>
            <td className="num">{formatCount(m.errors)}</td>
            <td className="num">{formatCount(m.pending)}</td>
            <td className="num">{formatCount(m.cached)}</td>
            <td className="num">
              {formatCount(m.inputTokens)} / {formatCount(m.outputTokens)}
              {m.hasTokenEstimates ? ' (est.)' : ''}
            </td>
            <td className="num">{formatUsd(m.costUsd)}</td>
            <td>
              <ErrorClasses byClass={m.errorsByClass} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
