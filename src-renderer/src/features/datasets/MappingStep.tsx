import type { ImportPreview, ImportSettings } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { valueOf } from '../../stores/load';
import { ProblemList } from './ProblemList';
import { mappingFields, type WizardDraft } from './importTypes';
import { usePreview } from './usePreview';

function ItemsPreview({ preview }: { preview: ImportPreview }) {
  return (
    <div className="ds-scroll">
      <table className="table ds-preview" data-testid="mapped-preview">
        <thead>
          <tr>
            <th className="num">Line</th>
            <th>Id</th>
            <th>Input</th>
            <th>Reference</th>
            <th>Category</th>
            <th>Tags</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map(({ line, item, problems }) =>
            item ? (
              <tr key={line}>
                <td className="num">{line}</td>
                <td>
                  <code>{item.key}</code>
                </td>
                <td className="clip" title={item.input}>
                  {item.inputFormat === 'messages' && <span className="tag">messages</span>}
                  {item.input}
                </td>
                <td className="clip">{item.reference ?? '—'}</td>
                <td>{item.category ?? '—'}</td>
                <td>{item.tags.join(', ')}</td>
              </tr>
            ) : (
              <tr key={line} className="ds-bad-row">
                <td className="num">{line}</td>
                <td colSpan={5}>
                  {problems.map((p) => `${p.column ? `${p.column}: ` : ''}${p.message}`).join('; ')}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Step 3: which column feeds which item field (or a `{column}` template), with the result. */
export function MappingStep({
  draft,
  onChange,
  onBack,
  onNext,
}: {
  draft: WizardDraft;
  onChange: (settings: ImportSettings) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const state = usePreview(draft.path, draft.settings);
  const preview = valueOf(state);
  const explicit = draft.settings.mapping ?? {};
  const setField = (field: string, source: string | undefined) => {
    const mapping = { ...explicit };
    if (source === undefined) delete mapping[field];
    else mapping[field] = source;
    onChange({ ...draft.settings, mapping });
  };
  if (!preview)
    return state.status === 'error' ? (
      <ErrorNotice message={state.message} />
    ) : (
      <Loading what="columns" />
    );
  const fileProblems = preview.problems.filter((p) => p.line === null);
  const chat = preview.format === 'chat';
  return (
    <div className="ds-step">
      {chat && (
        <p className="muted">
          Chat logs: the input is each line&apos;s conversation (without the final assistant turn)
          and the reference is the logged response, unless you map them below.
        </p>
      )}
      <div className="ds-mapping" role="group" aria-label="Column mapping">
        {mappingFields.map(({ field, label, ...rest }) => {
          const required = 'required' in rest && rest.required && !chat;
          const current = explicit[field] ?? preview.mapping[field] ?? '';
          const isTemplate = current.includes('{');
          return (
            <label key={field} className="ds-field">
              {label}
              {required ? ' *' : ''}
              <select
                aria-label={`${label} column`}
                value={isTemplate ? '__template' : current}
                onChange={(e) => {
                  const value = e.target.value;
                  if (value === '__template') setField(field, `{${preview.columns[0] ?? ''}}`);
                  else setField(field, value);
                }}
              >
                <option value="">{required ? '(choose a column)' : '(none)'}</option>
                {preview.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
                <option value="__template">Template…</option>
              </select>
              {isTemplate && (
                <textarea
                  aria-label={`${label} template`}
                  rows={2}
                  value={current}
                  onChange={(e) => setField(field, e.target.value)}
                />
              )}
            </label>
          );
        })}
        <label className="ds-check">
          <input
            type="checkbox"
            checked={draft.settings.keepUnmapped ?? true}
            onChange={(e) => onChange({ ...draft.settings, keepUnmapped: e.target.checked })}
          />
          Keep other columns as metadata
        </label>
      </div>
      <ProblemList problems={fileProblems} total={fileProblems.length} draft={draft} />
      <ItemsPreview preview={preview} />
      <div className="ds-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" onClick={onNext} disabled={fileProblems.length > 0}>
          Check the whole file
        </button>
      </div>
    </div>
  );
}
