import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannels, type Result } from '@contract/index';
import type { Core } from '@core/host';
import { isAppUrl } from './security';

/**
 * Relays the one generic invoke channel to the core's dispatch, and core events to every
 * window. Calls from any frame that is not the app's own renderer are refused.
 */
export function registerIpc(
  core: Core,
  windows: () => BrowserWindow[],
  devServerUrl: string | undefined,
) {
  ipcMain.handle(
    ipcChannels.invoke,
    async (event: IpcMainInvokeEvent, route: unknown, input: unknown): Promise<Result<unknown>> => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(senderUrl, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      }
      return core.dispatch(String(route), input);
    },
  );
  return core.events.subscribe((name, payload) => {
    for (const window of windows()) window.webContents.send(ipcChannels.event, name, payload);
  });
}
