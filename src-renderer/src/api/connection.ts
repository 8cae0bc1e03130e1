/**
 * How a browser-mode page stands with the server it was opened from, as a small state machine
 * over two transports it is given: a probe (one HTTP request that tells "not reachable" from
 * "reachable but the token is refused") and the event socket. The desktop app's IPC bridge
 * never loses its main process, so it uses `alwaysConnected`.
 */

export type ConnectionState =
  /** The first attempt after the page opened is under way. */
  | { status: 'connecting' }
  | { status: 'connected' }
  /** The server is not reachable; `nextAttemptAt` (epoch ms) is null while an attempt runs. */
  | { status: 'reconnecting'; nextAttemptAt: number | null }
  /** The server answers but refuses this page's token: it was restarted with a new one. */
  | { status: 'refused' };

export type ProbeResult = 'ok' | 'unreachable' | 'refused';

export interface SocketHandlers {
  onOpen: () => void;
  /** Called once, when the socket closes or fails to open. */
  onClose: () => void;
}

export interface ConnectionTransport {
  probe(): Promise<ProbeResult>;
  openSocket(handlers: SocketHandlers): { close(): void };
}

export interface ConnectionClock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface Connection {
  state: () => ConnectionState;
  subscribe: (listener: (state: ConnectionState) => void) => () => void;
  /** Runs `listener` each time the socket is back after a loss: stores re-read what they missed. */
  onReconnected: (listener: () => void) => () => void;
  retryNow: () => void;
  /** A call could not reach the server: after a sleep the socket may look open but be dead. */
  reportUnreachable: () => void;
  /** A call was answered 401: the server no longer knows this page's token. */
  reportRefused: () => void;
  stop: () => void;
}

export const retryDelays = {
  firstMs: 1000,
  maxMs: 10_000,
  /** While refused, how often to check again (the server may be restarted once more). */
  refusedMs: 10_000,
  /** A socket open this long counts as a good connection: the back-off starts over. */
  stableMs: 5000,
} as const;

const browserClock: ConnectionClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createConnection(
  transport: ConnectionTransport,
  clock: ConnectionClock = browserClock,
): Connection {
  let state: ConnectionState = { status: 'connecting' };
  const listeners = new Set<(state: ConnectionState) => void>();
  const reconnectedListeners = new Set<() => void>();
  let retryMs: number = retryDelays.firstMs;
  let timer: unknown = null;
  let socket: { close(): void } | null = null;
  // Bumped by every attempt and every dropped socket, so late answers of older ones are ignored.
  let generation = 0;
  let stopped = false;

  const setState = (next: ConnectionState) => {
    state = next;
    listeners.forEach((listener) => listener(next));
  };

  const clearTimer = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
  };

  const dropSocket = () => {
    const old = socket;
    socket = null;
    generation += 1;
    old?.close();
  };

  const schedule = (delayMs: number) => {
    clearTimer();
    if (state.status !== 'refused')
      setState({ status: 'reconnecting', nextAttemptAt: clock.now() + delayMs });
    timer = clock.setTimer(() => void attempt(), delayMs);
  };

  const backOff = () => {
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, retryDelays.maxMs);
    schedule(delay);
  };

  const openSocket = (mine: number) => {
    let openedAt: number | null = null;
    socket = transport.openSocket({
      onOpen() {
        if (mine !== generation || stopped) return;
        openedAt = clock.now();
        const wasLost = state.status === 'reconnecting' || state.status === 'refused';
        setState({ status: 'connected' });
        if (wasLost) reconnectedListeners.forEach((listener) => listener());
      },
      onClose() {
        if (mine !== generation || stopped) return;
        socket = null;
        generation += 1;
        if (openedAt !== null && clock.now() - openedAt >= retryDelays.stableMs) {
          // A connection that had been fine: check at once, so the banner shows without delay.
          retryMs = retryDelays.firstMs;
          void attempt();
        } else backOff();
      },
    });
  };

  async function attempt() {
    if (stopped) return;
    clearTimer();
    dropSocket();
    const mine = generation;
    if (state.status === 'connected' || state.status === 'reconnecting')
      setState({ status: 'reconnecting', nextAttemptAt: null });
    const result = await transport.probe();
    if (mine !== generation || stopped) return;
    if (result === 'refused') {
      setState({ status: 'refused' });
      schedule(retryDelays.refusedMs);
    } else if (result === 'unreachable') {
      if (state.status === 'refused') setState({ status: 'reconnecting', nextAttemptAt: null });
      backOff();
    } else openSocket(mine);
  }

  void attempt();

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectedListeners.add(listener);
      return () => reconnectedListeners.delete(listener);
    },
    retryNow() {
      void attempt();
    },
    reportUnreachable() {
      if (state.status === 'connected') void attempt();
    },
    reportRefused() {
      if (state.status === 'refused') return;
      dropSocket();
      setState({ status: 'refused' });
      schedule(retryDelays.refusedMs);
    },
    stop() {
      stopped = true;
      clearTimer();
      dropSocket();
    },
  };
}

const connected: ConnectionState = { status: 'connected' };

/** The desktop app's connection: its main process lives as long as the window. */
export const alwaysConnected: Connection = {
  // The same object every time: React's useSyncExternalStore compares snapshots by identity.
  state: () => connected,
  subscribe: () => () => undefined,
  onReconnected: () => () => undefined,
  retryNow: () => undefined,
  reportUnreachable: () => undefined,
  reportRefused: () => undefined,
  stop: () => undefined,
};
