import type {
  ApiErrorShape,
  EventName,
  EventPayload,
  RouteInput,
  RouteName,
  RouteOutput,
  YardstickBridge,
} from '@contract/index';
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
function pickBridge(): YardstickBridge | null {
  if (window.yardstick) return window.yardstick;
  const token = takeToken();
  return token ? createHttpBridge(token) : null;
}

const bridge = pickBridge();
export const api: ApiClient | null = bridge ? createClient(bridge) : null;
