import type { JobSummary, RunFinished, RunProgress } from '@contract/index';
import { api, onReconnected, type ApiClient } from '../api/client';
import { useUi } from '../stores/ui';
import {
  appTitle,
  isExecuting,
  jobNotice,
  notifiesOnEnd,
  runNotice,
  windowTitle,
  type Notice,
} from './longWorkText';
import { isWindowAttended, showSystemNotification } from './systemNotifications';

/**
 * Keeps the window title on the runs that execute and tells the system when long work ends.
 *
 * It listens to the core's events itself rather than reading the run-progress store: that
 * store flushes on animation frames, and a hidden tab or minimised window runs none, which is
 * exactly when the title and the notification matter.
 */
export function bindLongWorkNotices(): () => void {
  if (!api) return () => undefined;
  const client = api;
  const live = new Map<string, RunProgress>();
  const names = new Map<string, string>();
  let namesLoading: Promise<void> | null = null;

  const showTitle = () => {
    const runs = [...live.values()].map((progress) => ({
      name: names.get(progress.runId) ?? 'a run',
      progress,
    }));
    // Progress arrives many times a second; the title (and the Electron window's) changes
    // only when its text does.
    const title = windowTitle(runs);
    if (document.title !== title) document.title = title;
  };
  const loadNames = () =>
    (namesLoading ??= client
      .call('runs.list', {})
      .then((runs) => {
        names.clear();
        for (const run of runs) names.set(run.id, run.name);
      })
      .catch(() => undefined)
      .finally(() => {
        namesLoading = null;
        showTitle();
      }));
  const nameOf = async (runId: string) => {
    if (!names.has(runId)) await loadNames();
    return names.get(runId) ?? runId;
  };
  const notify = (notice: Notice) => {
    if (useUi.getState().isNotifyOnLongWorkEnd && !isWindowAttended())
      showSystemNotification(notice);
  };

  const onProgress = (progress: RunProgress) => {
    if (isExecuting(progress)) live.set(progress.runId, progress);
    else live.delete(progress.runId);
    if (!names.has(progress.runId)) void loadNames();
    showTitle();
  };
  const onRunFinished = (finished: RunFinished) => {
    live.delete(finished.runId);
    showTitle();
    void nameOf(finished.runId).then((name) => notify(runNotice(finished, name)));
  };
  const onJobFinished = (job: JobSummary) => {
    if (notifiesOnEnd(job)) notify(jobNotice(job));
  };
  const rediscover = () => void discoverExecutingRuns(client, live, names).then(showTitle);

  const unbind = [
    client.on('run.progress', onProgress),
    client.on('run.finished', onRunFinished),
    client.on('job.finished', onJobFinished),
    client.on('workspace.changed', (change) => {
      if (change.domain === 'runs') void loadNames();
    }),
    onReconnected(rediscover),
  ];
  rediscover();
  return () => {
    unbind.forEach((off) => off());
    document.title = appTitle;
  };
}

/**
 * Finds the runs executing when the page opens (or comes back after a lost connection): a
 * paused run sends no progress events, so waiting for events would leave it out of the title.
 */
async function discoverExecutingRuns(
  client: ApiClient,
  live: Map<string, RunProgress>,
  names: Map<string, string>,
): Promise<void> {
  try {
    const runs = await client.call('runs.list', {});
    for (const run of runs) names.set(run.id, run.name);
    const candidates = runs.filter(
      (r) => r.status === 'running' || r.status === 'paused' || live.has(r.id),
    );
    const latest = await Promise.all(
      candidates.map((r) => client.call('runs.progress', { runId: r.id })),
    );
    candidates.forEach((run, i) => {
      const progress = latest[i];
      if (progress && isExecuting(progress)) live.set(run.id, progress);
      else live.delete(run.id);
    });
  } catch {
    // The title keeps what events said; the next reconnection tries again.
  }
}
