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
  /**
   * Called for every message the socket receives, events and heartbeats alike; a heartbeat
   * passes the interval the server announced.
   */
  onMessage: (heartbeatIntervalMs?: number) => void;
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
  /**
   * The page woke up (visible again, back online): check at once instead of waiting for the
   * heartbeat window — timers in a hidden or sleeping page run late or not at all.
   */
  checkNow: () => void;
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

export const heartbeatWindow = {
  /** The server's beat until it announces its own (src-main/server/webHost.ts). */
  defaultIntervalMs: 15_000,
  /**
   * Silence this many intervals long counts as a dead socket: two missed beats and a third of
   * one for latency — 35 s at the default 15 s.
   */
  missedBeats: 7 / 3,
} as const;

/** No message of any kind for this long and the socket is taken for dead. */
export function silenceLimitMs(intervalMs: number): number {
  return Math.round(intervalMs * heartbeatWindow.missedBeats);
}

export interface ConnectionOptions {
  /** The beat to expect before the server has announced one. */
  heartbeatIntervalMs?: number;
}

const browserClock: ConnectionClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createConnection(
  transport: ConnectionTransport,
  clock: ConnectionClock = browserClock,
  options: ConnectionOptions = {},
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
  // The heartbeat watchdog: armed while a socket is open; each message moves `lastMessageAt`
  // and the timer, when it fires, re-arms for what is left rather than being reset per message.
  let beatMs = options.heartbeatIntervalMs ?? heartbeatWindow.defaultIntervalMs;
  let lastMessageAt = 0;
  let watchdog: unknown = null;

  const setState = (next: ConnectionState) => {
    state = next;
    listeners.forEach((listener) => listener(next));
  };

  const clearTimer = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
  };

  const disarmWatchdog = () => {
    if (watchdog !== null) clock.clearTimer(watchdog);
    watchdog = null;
  };

  const silentForMs = () => clock.now() - lastMessageAt;

  const armWatchdog = (mine: number) => {
    disarmWatchdog();
    const left = silenceLimitMs(beatMs) - silentForMs();
    watchdog = clock.setTimer(
      () => {
        watchdog = null;
        if (mine !== generation || stopped) return;
        if (silentForMs() >= silenceLimitMs(beatMs)) lost();
        else armWatchdog(mine);
      },
      Math.max(0, left),
    );
  };

  const dropSocket = () => {
    disarmWatchdog();
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
        lastMessageAt = openedAt;
        armWatchdog(mine);
        const wasLost = state.status === 'reconnecting' || state.status === 'refused';
        setState({ status: 'connected' });
        if (wasLost) reconnectedListeners.forEach((listener) => listener());
      },
      onMessage(heartbeatIntervalMs) {
        if (mine !== generation || stopped) return;
        lastMessageAt = clock.now();
        if (
          heartbeatIntervalMs !== undefined &&
          Number.isFinite(heartbeatIntervalMs) &&
          heartbeatIntervalMs > 0 &&
          heartbeatIntervalMs !== beatMs
        ) {
          beatMs = heartbeatIntervalMs;
          armWatchdog(mine);
        }
      },
      onClose() {
        if (mine !== generation || stopped) return;
        disarmWatchdog();
        socket = null;
        generation += 1;
        if (openedAt !== null && clock.now() - openedAt >= retryDelays.stableMs) lost();
        else backOff();
      },
    });
  };

  /**
   * A connection that had been fine is gone (closed, or silent past the heartbeat window):
   * check at once, so the banner shows without delay, and start the back-off over.
   */
  function lost() {
    retryMs = retryDelays.firstMs;
    void attempt();
  }

  /** While connected: a silent socket is dead; otherwise one probe decides, socket kept. */
  async function check() {
    if (silentForMs() >= silenceLimitMs(beatMs)) {
      lost();
      return;
    }
    const mine = generation;
    const result = await transport.probe();
    if (mine !== generation || stopped || state.status !== 'connected') return;
    if (result === 'unreachable') lost();
    else if (result === 'refused') refused();
  }

  function refused() {
    if (state.status === 'refused') return;
    dropSocket();
    setState({ status: 'refused' });
    schedule(retryDelays.refusedMs);
  }

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
    reportRefused: refused,
    checkNow() {
      if (stopped) return;
      if (state.status === 'connected') void check();
      // Waiting out a back-off (or a refusal): try now. An attempt under way is left to finish.
      else if (timer !== null) void attempt();
    },
    stop() {
      stopped = true;
      clearTimer();
      dropSocket();
    },
  };
}

/**
 * Checks the connection the moment the page wakes: shown again after being hidden (a laptop
 * opened, a tab brought back) or back online. Returns the function that stops listening.
 */
export function checkOnWake(
  connection: Pick<Connection, 'checkNow'>,
  page: { document: EventTarget & { visibilityState: string }; window: EventTarget },
): () => void {
  const onVisibility = () => {
    if (page.document.visibilityState === 'visible') connection.checkNow();
  };
  const onOnline = () => connection.checkNow();
  page.document.addEventListener('visibilitychange', onVisibility);
  page.window.addEventListener('online', onOnline);
  return () => {
    page.document.removeEventListener('visibilitychange', onVisibility);
    page.window.removeEventListener('online', onOnline);
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
  checkNow: () => undefined,
  stop: () => undefined,
};
