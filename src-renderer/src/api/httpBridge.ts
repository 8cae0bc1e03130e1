import type { Result, YardstickBridge } from '@contract/index';

const tokenKey = 'yardstick.token';

/**
 * Reads the per-launch token from `?token=` once, keeps it for this tab only, and removes
 * it from the address bar so it does not linger in history or screenshots.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(tokenKey);
}

/** Browser mode: POST /api/invoke for calls, one WebSocket for events (reconnecting). */
export function createHttpBridge(token: string): YardstickBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(
      `${scheme}://${window.location.host}/api/events?token=${encodeURIComponent(token)}`,
    );
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  return {
    async invoke(route, input) {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ route, input }),
        });
      } catch (error) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `Yardstick is not reachable: ${String(error)}` },
        };
      }
      return (await response.json()) as Result<unknown>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
