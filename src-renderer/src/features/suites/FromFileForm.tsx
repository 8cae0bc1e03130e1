import { useState, type FormEvent } from 'react';
import type { ListedSuite, RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { isSuiteNameTaken } from '../../stores/suites';
import { parseSuiteDoc } from './suiteDoc';
import { planText, saveNewSuite } from './saveNewSuite';

type Validation = RouteOutput<'suites.validate'>;

type Checked =
  | { status: 'none' }
  | { status: 'checking'; file: string }
  | { status: 'done'; file: string; yaml: string; validation: Validation }
  | { status: 'error'; message: string };

/** The `name:` of a suite text, when it has one (read for the "exists" note only). */
function nameIn(yaml: string): string | null {
  const value = parseSuiteDoc(yaml)?.get('name');
  return typeof value === 'string' ? value : null;
}

/**
 * A suite file from this computer: read in the page, checked by the core (`suites.validate`,
 * with the file's name in every issue) before anything is stored. Saving needs a valid
 * structure (the core refuses otherwise); reference problems can be fixed in the editor.
 */
export function FromFileForm({ suites }: { suites: readonly ListedSuite[] }) {
  const [checked, setChecked] = useState<Checked>({ status: 'none' });
  const [save, setSave] = useState<
    { status: 'idle' | 'saving' } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });

  const onFile = async (file: File | undefined) => {
    setSave({ status: 'idle' });
    if (!file || !api) return setChecked({ status: 'none' });
    setChecked({ status: 'checking', file: file.name });
    try {
      const yaml = await file.text();
      const validation = await api.call('suites.validate', { yaml, sourcePath: file.name });
      setChecked({ status: 'done', file: file.name, yaml, validation });
    } catch (error) {
      setChecked({ status: 'error', message: errorMessage(error) });
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (checked.status !== 'done' || !checked.validation.isStructureValid) return;
    setSave({ status: 'saving' });
    try {
      await saveNewSuite(checked.yaml, checked.file);
    } catch (error) {
      setSave({ status: 'error', message: errorMessage(error) });
    }
  };

  const result = checked.status === 'done' ? checked.validation : null;
  const name = checked.status === 'done' ? nameIn(checked.yaml) : null;
  return (
    <form
      className="ns-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label="New suite from a YAML file"
    >
      <label className="ns-field">
        <span>Suite file (YAML)</span>
        <input
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {checked.status === 'checking' && (
        <p className="muted" role="status">
          Checking {checked.file}…
        </p>
      )}
      {checked.status === 'error' && <ErrorNotice message={checked.message} />}
      {result && (
        <div className="ns-result" role="status">
          <p className={result.ok ? 'ns-plan' : 'ns-problem'} data-testid="new-suite-plan">
            {result.plan
              ? `Valid · ${planText(result.plan)}`
              : `${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}` +
                (result.isStructureValid
                  ? ': it can be saved and fixed in the editor'
                  : ': fix the file and choose it again (nothing was saved)')}
          </p>
          {result.issues.length > 0 && (
            <ul
              className="su-issues ns-issues"
              data-testid="new-suite-issues"
              aria-label="Problems"
            >
              {result.issues.map((issue, i) => (
                <li key={i}>
                  <code>
                    {issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file}
                  </code>{' '}
                  {issue.path && <code>{issue.path}</code>} {issue.message}
                </li>
              ))}
            </ul>
          )}
          {name !== null && isSuiteNameTaken(suites, name) && (
            <p className="muted">
              A suite named “{name}” exists: saving adds this text as its newest version.
            </p>
          )}
        </div>
      )}
      {save.status === 'error' && <ErrorNotice message={save.message} />}
      <div className="ns-actions">
        <button type="submit" disabled={!result?.isStructureValid || save.status === 'saving'}>
          {save.status === 'saving'
            ? 'Saving…'
            : result && !result.ok && result.isStructureValid
              ? `Save with ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`
              : 'Save suite'}
        </button>
      </div>
    </form>
  );
}
