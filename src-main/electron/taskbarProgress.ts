import type { BrowserWindow } from 'electron';
import type { RunFinished, RunProgress } from '@contract/index';
import type { Core } from '@core/host';
import { isExecuting, taskbarProgressOf } from './taskbarFigures';

/**
 * Shows the progress of executing runs on the app's taskbar entry or dock icon, from the
 * core's run events in the main process: it keeps moving while the renderer is in the
 * background (and throttled), and needs nothing beyond the generic bridge. The window title
 * follows the page's `document.title`, which the renderer keeps on the same figures.
 */
export function bindTaskbarProgress(core: Core, windows: () => BrowserWindow[]): () => void {
  const live = new Map<string, RunProgress>();
  let shown = '';
  const show = () => {
    const { fraction, mode } = taskbarProgressOf(live.values());
    const key = `${fraction} ${mode}`;
    if (key === shown) return;
    shown = key;
    for (const window of windows())
      if (!window.isDestroyed()) window.setProgressBar(fraction, { mode });
  };
  return core.events.subscribe((name, payload) => {
    if (name === 'run.progress') {
      const progress = payload as RunProgress;
      if (isExecuting(progress)) live.set(progress.runId, progress);
      else live.delete(progress.runId);
    } else if (name === 'run.finished') {
      live.delete((payload as RunFinished).runId);
    } else return;
    show();
  });
}
