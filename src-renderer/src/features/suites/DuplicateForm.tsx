import { useState, type FormEvent } from 'react';
import type { ListedSuite } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { isSuiteNameTaken } from '../../stores/suites';
import { saveNewSuite } from './saveNewSuite';
import { renameSuite } from './suiteDoc';

/**
 * A copy of a saved suite under a new name: the saved text with only its `name` changed
 * through the YAML document, so its comments and layout come along.
 */
export function DuplicateForm({
  suites,
  initialId,
}: {
  suites: readonly ListedSuite[];
  initialId: string | null;
}) {
  const [sourceId, setSourceId] = useState(
    suites.find((s) => s.id === initialId)?.id ?? suites[0]?.id ?? '',
  );
  const source = suites.find((s) => s.id === sourceId);
  const [name, setName] = useState<string | null>(null);
  const newName = name ?? (source ? `${source.name} (copy)` : '');
  const [save, setSave] = useState<
    { status: 'idle' | 'saving' } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });

  if (!source)
    return (
      <p className="ns-empty" role="status">
        There is no suite to duplicate yet: start from a dataset or a YAML file.
      </p>
    );
  const trimmed = newName.trim();
  const problem = !trimmed
    ? 'Give the copy a name.'
    : isSuiteNameTaken(suites, trimmed)
      ? `A suite named “${trimmed}” exists: choose another name.`
      : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || !api) return;
    setSave({ status: 'saving' });
    try {
      const { yaml } = await api.call('suites.get', { suiteId: source.id });
      const renamed = renameSuite(yaml, trimmed);
      if (renamed === null)
        throw new Error(`the saved text of ${source.name} is not a YAML mapping`);
      await saveNewSuite(renamed);
    } catch (error) {
      setSave({ status: 'error', message: errorMessage(error) });
    }
  };

  return (
    <form className="ns-form" onSubmit={(e) => void onSubmit(e)} aria-label="Duplicate a suite">
      <label className="ns-field">
        <span>Suite to duplicate</span>
        <select
          aria-label="Suite to duplicate"
          value={source.id}
          onChange={(e) => {
            setSourceId(e.target.value);
            setName(null);
          }}
        >
          {suites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="ns-field">
        <span>New name</span>
        <input
          value={newName}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          aria-describedby="ns-duplicate-note"
          spellCheck={false}
        />
      </label>
      <p id="ns-duplicate-note" className={problem ? 'ns-problem' : 'muted'} role="status">
        {problem ??
          `Copies the saved text of ${source.name}${source.hasDraft ? ' (not its unsaved changes)' : ''}, comments included.`}
      </p>
      {save.status === 'error' && <ErrorNotice message={save.message} />}
      <div className="ns-actions">
        <button type="submit" disabled={problem !== null || save.status === 'saving'}>
          {save.status === 'saving' ? 'Duplicating…' : 'Duplicate'}
        </button>
      </div>
    </form>
  );
}
