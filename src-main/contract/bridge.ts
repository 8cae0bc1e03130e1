import type { Result } from './result';

/**
 * What a transport offers the renderer: the preload exposes exactly this object on
 * `window.yardstick`, and the browser-mode client implements it over HTTP + WebSocket.
 * Values are JSON-only so both transports carry them unchanged.
 */
export interface YardstickBridge {
  invoke(route: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The IPC channel names the preload and the Electron layer share. */
export const ipcChannels = {
  invoke: 'yardstick:invoke',
  event: 'yardstick:event',
} as const;
