import type { ImportFormat, ImportSettings } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount } from '../../format';
import { valueOf } from '../../stores/load';
import { ProblemList } from './ProblemList';
import { PreviewTable } from './PreviewTable';
import type { WizardDraft } from './importTypes';
import { usePreview } from './usePreview';

const formats: Array<{ value: ImportFormat | ''; label: string }> = [
  { value: '', label: 'Detect' },
  { value: 'csv', label: 'CSV' },
  { value: 'tsv', label: 'TSV' },
  { value: 'jsonl', label: 'JSON Lines' },
  { value: 'json', label: 'JSON array' },
  { value: 'parquet', label: 'Parquet' },
  { value: 'chat', label: 'Chat logs' },
];

/** Step 2: how the file is read (format, delimiter, header) and its first records. */
export function PreviewStep({
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
  const { settings } = draft;
  const isCsv = preview ? ['csv', 'tsv'].includes(preview.format) : false;
  const set = (patch: Partial<ImportSettings>) => {
    const next = { ...settings, ...patch };
    for (const key of Object.keys(patch) as Array<keyof ImportSettings>) {
      if (patch[key] === undefined) delete next[key];
    }
    onChange(next);
  };
  return (
    <div className="ds-step">
      <div className="inline-form">
        <label>
          Format
          <select
            value={settings.format ?? ''}
            onChange={(e) =>
              set({ format: (e.target.value || undefined) as ImportFormat | undefined })
            }
          >
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {isCsv && (
          <>
            <label>
              Delimiter
              <input
                className="ds-narrow"
                value={settings.delimiter ?? ''}
                placeholder="guess"
                onChange={(e) => set({ delimiter: e.target.value || undefined })}
              />
            </label>
            <label className="ds-check">
              <input
                type="checkbox"
                checked={settings.hasHeader ?? true}
                onChange={(e) => set({ hasHeader: e.target.checked })}
              />
              First row is a header
            </label>
          </>
        )}
      </div>
      {state.status === 'error' && <ErrorNotice message={state.message} />}
      {!preview && state.status !== 'error' && <Loading what="a preview" />}
      {preview && (
        <>
          <p className="meta">
            {preview.files
              .map((f) => `${f.format.toUpperCase()} · ${formatCount(f.bytes)} bytes`)
              .join(', ')}{' '}
            · {formatCount(preview.columns.length)} columns
          </p>
          <ProblemList
            problems={preview.problems.filter((p) => p.line === null)}
            total={0}
            draft={draft}
          />
          <PreviewTable preview={preview} />
        </>
      )}
      <div className="ds-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" onClick={onNext} disabled={!preview || preview.rows.length === 0}>
          Map columns
        </button>
      </div>
    </div>
  );
}
