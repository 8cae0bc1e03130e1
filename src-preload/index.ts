import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type YardstickBridge } from '../src-main/contract/bridge';

/**
 * The whole preload: one generic bridge, no per-route code. The renderer's client gives
 * it types; the core validates every call.
 */
const bridge: YardstickBridge = {
  invoke: (route, input) => ipcRenderer.invoke(ipcChannels.invoke, route, input),
  on: (event, listener) => {
    const relay = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(ipcChannels.event, relay);
    return () => ipcRenderer.removeListener(ipcChannels.event, relay);
  },
};

contextBridge.exposeInMainWorld('yardstick', bridge);
