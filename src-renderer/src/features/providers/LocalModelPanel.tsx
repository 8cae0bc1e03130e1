import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration } from '../../format';
import { useJobs } from '../../stores/jobs';
import { useCoreQuery } from '../../api/useCoreQuery';
import { errorMessage } from '../../stores/load';
import { localModelNote } from './localModelNote';

const sourceLabels = {
  config: 'set in the configuration',
  environment: 'from YARDSTICK_LOCAL_MODEL',
  downloaded: 'downloaded default model',
} as const;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Which GGUF file the in-process `local` provider runs, and the default model's download. */
export function LocalModelPanel() {
  const { state: status, reload: load } = useCoreQuery('providers.localModel', {});
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const job = useJobs((s) => (jobId ? s.byId[jobId] : undefined));
  const cancel = useJobs((s) => s.cancel);
  // Re-read which file would run once a download ends (done, failed or cancelled).
  const jobStatus = job?.status;
  useEffect(() => {
    if (jobStatus && jobStatus !== 'running') load();
  }, [jobStatus, load]);

  const download = async () => {
    if (!api) return;
    try {
      setStartError(null);
      setJobId((await api.call('providers.downloadLocalModel', {})).jobId);
    } catch (error) {
      setStartError(errorMessage(error));
    }
  };

  if (status.status === 'error') return <ErrorNotice message={status.message} onRetry={load} />;
  if (status.status !== 'ready') return <Loading what="the local model" />;
  const model = status.value;
  const isRunning = job?.status === 'running';
  return (
    <div className="pv-local" data-testid="local-model">
      {model.path ? (
        <p>
          Runs <code>{model.path}</code>{' '}
          <span className="muted">
            ({model.source ? sourceLabels[model.source] : 'unknown source'})
          </span>
        </p>
      ) : (
        <p>
          {localModelNote(model.problem)} The default is{' '}
          <a href={model.defaultModel.homepage} target="_blank" rel="noreferrer">
            {model.defaultModel.name}
          </a>{' '}
          ({model.defaultModel.approximateSize}, {model.defaultModel.licence}), saved in{' '}
          <code>{model.modelsDir}</code>. Or set <code>YARDSTICK_LOCAL_MODEL</code> to a GGUF file.
        </p>
      )}
      {!model.path && !isRunning && (
        <button type="button" onClick={download}>
          Download the default model
        </button>
      )}
      {job && isRunning && (
        <div className="pv-download">
          <ProgressBar done={job.done} total={job.total} label="Model download" />
          <span className="muted">
            {mebibytes(job.done)}
            {job.total ? ` of ${mebibytes(job.total)}` : ''}
            {job.etaMs !== null ? ` · ${formatDuration(job.etaMs)} left` : ''}
          </span>
          <button type="button" onClick={() => cancel(job.id)}>
            Cancel
          </button>
        </div>
      )}
      {job?.status === 'failed' && (
        <ErrorNotice
          message={`The download failed: ${job.error ?? 'unknown error'}. Without a network connection, copy a GGUF file to ${model.modelsDir} or point YARDSTICK_LOCAL_MODEL at one.`}
          onRetry={download}
        />
      )}
      {startError && <ErrorNotice message={startError} />}
    </div>
  );
}
