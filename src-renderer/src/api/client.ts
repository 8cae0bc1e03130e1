import type {
  ApiErrorShape,
  EventName,
  EventPayload,
  RouteInput,
  RouteName,
  RouteOutput,
  YardstickBridge,
} from '@contract/index';
import { alwaysConnected, type Connection } from './connection';
import { createHttpBridge, takeToken } from './httpBridge';

declare global {
  interface Window {
    yardstick?: YardstickBridge;
  }
}

/** A failed call, carrying the core's error code and located issues. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(readonly shape: ApiErrorShape) {
    super(shape.message);
  }
}

export interface ApiClient {
  call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Types the generic bridge with the contract. Works the same over IPC and HTTP. */
export function createClient(bridge: YardstickBridge): ApiClient {
  return {
    async call(route, input) {
      const result = await bridge.invoke(route, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as RouteOutput<typeof route>;
    },
    on(event, listener) {
      return bridge.on(event, (payload) => listener(payload as EventPayload<typeof event>));
    },
  };
}

/** The preload's bridge in the desktop app, else browser mode's HTTP bridge (null without a token). */
function pickBridge(): { bridge: YardstickBridge; connection: Connection } | null {
  if (window.yardstick) return { bridge: window.yardstick, connection: alwaysConnected };
  const token = takeToken();
  if (!token) return null;
  const bridge = createHttpBridge(token);
  return { bridge, connection: bridge.connection };
}

const picked = pickBridge();
export const api: ApiClient | null = picked ? createClient(picked.bridge) : null;
/** Whether the server is reachable (browser mode); the desktop app is always connected. */
export const connection: Connection = picked?.connection ?? alwaysConnected;

/**
 * Runs `refresh` each time the connection comes back after a loss, so a store fed by events
 * re-reads what it missed meanwhile; returns the unsubscribe.
 */
export function onReconnected(refresh: () => void): () => void {
  return connection.onReconnected(refresh);
}
