import type { Result, YardstickBridge } from '@contract/index';
import { checkOnWake, createConnection, type Connection } from './connection';

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

/** How long a connection check may take before the server counts as not reachable. */
const probeTimeoutMs = 5000;

export type HttpBridge = YardstickBridge & { readonly connection: Connection };

/**
 * Browser mode: POST /api/invoke for calls, one WebSocket for events. The connection state
 * machine (./connection) notices when the server stops or was restarted with a new token,
 * and reconnects the socket with back-off; calls are never queued, they fail as they are. A
 * socket silent past the server's heartbeat window, or a page waking from sleep, is checked too.
 */
export function createHttpBridge(token: string): HttpBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const authorization = `Bearer ${token}`;

  const connection = createConnection({
    async probe() {
      try {
        const response = await fetch('/api/ping', {
          headers: { authorization },
          cache: 'no-store',
          signal: AbortSignal.timeout(probeTimeoutMs),
        });
        return response.status === 401 ? 'refused' : response.ok ? 'ok' : 'unreachable';
      } catch {
        return 'unreachable';
      }
    },
    openSocket({ onOpen, onMessage, onClose }) {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(
        `${scheme}://${window.location.host}/api/events?token=${encodeURIComponent(token)}`,
      );
      socket.onopen = onOpen;
      socket.onmessage = (message: MessageEvent<string>) => {
        const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
        // The server's beat (every 15 s by default) only tells the page the socket is alive.
        if (event === 'heartbeat') {
          onMessage((payload as { intervalMs?: number } | undefined)?.intervalMs);
          return;
        }
        onMessage();
        listeners.get(event)?.forEach((listener) => listener(payload));
      };
      socket.onclose = onClose;
      return {
        close() {
          socket.onopen = socket.onmessage = socket.onclose = null;
          socket.close();
        },
      };
    },
  });
  checkOnWake(connection, { document, window });

  return {
    connection,
    async invoke(route, input) {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ route, input }),
        });
      } catch (error) {
        connection.reportUnreachable();
        return {
          ok: false,
          error: { code: 'unavailable', message: `Yardstick is not reachable: ${String(error)}` },
        };
      }
      if (response.status === 401) {
        connection.reportRefused();
        return {
          ok: false,
          error: {
            code: 'unauthorized',
            message:
              "Yardstick no longer accepts this page's token (it was restarted): open the new address it printed.",
          },
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
