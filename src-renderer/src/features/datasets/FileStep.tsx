import { useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../format';
import { errorMessage } from '../../stores/load';
import { datasetNameFrom, type WizardDraft } from './importTypes';
import { canUpload, uploadFile } from './upload';

/** Step 1: a path on the machine running Yardstick, or (browser mode) a file to upload. */
export function FileStep({
  draft,
  onNext,
}: {
  draft: WizardDraft;
  onNext: (patch: Partial<WizardDraft>) => void;
}) {
  const [path, setPath] = useState(draft.path);
  const [name, setName] = useState(draft.datasetName);
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fileName = path.split(/[\\/]/).pop() ?? path;
    onNext({ path: path.trim(), fileName, datasetName: name.trim() || datasetNameFrom(fileName) });
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    abort.current = new AbortController();
    setUpload({ sent: 0, total: file.size });
    try {
      const uploaded = await uploadFile(
        file,
        (sent, total) => setUpload({ sent, total }),
        abort.current.signal,
      );
      onNext({
        path: uploaded.path,
        fileName: file.name,
        datasetName: name.trim() || datasetNameFrom(file.name),
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setUpload(null);
    }
  };

  return (
    <form className="ds-step" onSubmit={submit} aria-label="Choose a file">
      <p className="muted">
        CSV or TSV (any delimiter), JSON Lines, a JSON array, Parquet, or chat logs (one
        OpenAI-style <code>messages</code> array per line). Large files are read as a stream.
      </p>
      <label className="ds-field">
        Path to the file on this machine
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/home/me/data/eval.jsonl"
          spellCheck={false}
          autoFocus
        />
      </label>
      {canUpload() && (
        <label className="ds-field">
          …or upload a file
          <input
            type="file"
            aria-label="Upload a file"
            onChange={(e) => void pick(e.target.files?.[0])}
            disabled={upload !== null}
          />
        </label>
      )}
      {upload && (
        <div className="ds-progress">
          <ProgressBar done={upload.sent} total={upload.total} label="Upload" />
          <span className="muted">
            {formatCount(upload.sent)} / {formatCount(upload.total)} bytes
          </span>
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel upload
          </button>
        </div>
      )}
      <label className="ds-field">
        Dataset name (new or existing)
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="from the file name"
        />
      </label>
      {error && <ErrorNotice message={error} />}
      <div className="ds-actions">
        <button type="submit" disabled={!path.trim() || upload !== null}>
          Preview
        </button>
      </div>
    </form>
  );
}
