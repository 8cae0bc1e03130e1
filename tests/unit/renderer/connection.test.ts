import { describe, expect, it } from 'vitest';
import {
  alwaysConnected,
  checkOnWake,
  createConnection,
  heartbeatWindow,
  silenceLimitMs,
  retryDelays,
  type ConnectionState,
  type ProbeResult,
  type SocketHandlers,
} from '../../../src-renderer/src/api/connection';

/**
 * The transport is the boundary: a scripted probe and socket, and a clock whose timers run
 * only when the test advances it.
 */
function harness(firstProbe: ProbeResult, options: { heartbeatIntervalMs?: number } = {}) {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const probes: ProbeResult[] = [firstProbe];
  let probeCount = 0;
  const sockets: (SocketHandlers & { closed: boolean })[] = [];
  const states: ConnectionState['status'][] = [];
  let reconnected = 0;
  const connection = createConnection(
    {
      probe() {
        probeCount += 1;
        return Promise.resolve(probes.length > 1 ? probes.shift()! : probes[0]!);
      },
      openSocket(handlers) {
        const socket = { ...handlers, closed: false };
        sockets.push(socket);
        return { close: () => void (socket.closed = true) };
      },
    },
    {
      now: () => now,
      setTimer(run, ms) {
        const id = nextId++;
        timers.push({ at: now + ms, run, id });
        return id;
      },
      clearTimer(id) {
        timers = timers.filter((t) => t.id !== id);
      },
    },
    options,
  );
  connection.subscribe((s) => states.push(s.status));
  connection.onReconnected(() => (reconnected += 1));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    connection,
    sockets,
    states,
    reconnected: () => reconnected,
    probeCount: () => probeCount,
    /** What the next probes answer (the last one repeats). */
    answer(...results: ProbeResult[]) {
      probes.splice(0, probes.length, ...results);
    },
    lastSocket: () => sockets[sockets.length - 1]!,
    settle,
    /** Moves the clock on, running due timers in order. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
        await settle();
      }
      now = until;
    },
    /** Moves the clock on without running timers: the machine slept, or the tab was frozen. */
    sleep(ms: number) {
      now += ms;
    },
    nextTimerIn: () => Math.min(...timers.map((t) => t.at)) - now,
  };
}

describe('browser-mode connection', () => {
  it('connects without announcing a reconnection', async () => {
    const h = harness('ok');
    expect(h.connection.state()).toEqual({ status: 'connecting' });
    await h.settle();
    h.lastSocket().onOpen();
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.reconnected()).toBe(0);
  });

  it('after a loss, retries with growing delays, then announces the reconnection once', async () => {
    const h = harness('ok');
    await h.settle();
    h.lastSocket().onOpen();
    await h.advance(retryDelays.stableMs);
    h.answer('unreachable');
    h.lastSocket().onClose();
    await h.settle();
    // Checked at once, so the banner shows without waiting for a timer.
    expect(h.connection.state()).toEqual({
      status: 'reconnecting',
      nextAttemptAt: retryDelays.stableMs + retryDelays.firstMs,
    });
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs);
    await h.advance(retryDelays.firstMs);
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs * 2);
    await h.advance(retryDelays.firstMs * 2);
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs * 4);
    for (let i = 0; i < 4; i++) await h.advance(h.nextTimerIn());
    expect(h.nextTimerIn()).toBe(retryDelays.maxMs);
    expect(h.reconnected()).toBe(0);

    h.answer('ok');
    await h.advance(retryDelays.maxMs);
    expect(h.connection.state().status).toBe('reconnecting');
    h.lastSocket().onOpen();
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.reconnected()).toBe(1);
  });

  it('tells a refused token from an unreachable server, and keeps checking slowly', async () => {
    const h = harness('ok');
    await h.settle();
    h.lastSocket().onOpen();
    await h.advance(retryDelays.stableMs);
    h.answer('refused');
    h.lastSocket().onClose();
    await h.settle();
    expect(h.connection.state()).toEqual({ status: 'refused' });
    expect(h.nextTimerIn()).toBe(retryDelays.refusedMs);
    const probes = h.probeCount();
    await h.advance(retryDelays.refusedMs);
    expect(h.probeCount()).toBe(probes + 1);
    expect(h.connection.state()).toEqual({ status: 'refused' });
    // The new server was stopped too: now it is simply not reachable.
    h.answer('unreachable');
    await h.advance(retryDelays.refusedMs);
    expect(h.connection.state().status).toBe('reconnecting');
  });

  it('a refused page opened from a stale link says so at once', async () => {
    const h = harness('refused');
    await h.settle();
    expect(h.connection.state()).toEqual({ status: 'refused' });
    expect(h.sockets).toHaveLength(0);
  });

  it('"Retry now" attempts at once and drops the pending timer', async () => {
    const h = harness('unreachable');
    await h.settle();
    expect(h.connection.state().status).toBe('reconnecting');
    h.answer('ok');
    h.connection.retryNow();
    await h.settle();
    h.lastSocket().onOpen();
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.reconnected()).toBe(1);
    const sockets = h.sockets.length;
    // Longer than any back-off, with heartbeats arriving: nothing else is attempted.
    for (let i = 0; i < 4; i++) {
      await h.advance(retryDelays.maxMs);
      h.lastSocket().onMessage(heartbeatWindow.defaultIntervalMs);
    }
    expect(h.sockets).toHaveLength(sockets);
  });

  it('a socket that opens and drops at once backs off instead of spinning', async () => {
    const h = harness('ok');
    for (let i = 0; i < 3; i++) {
      await h.settle();
      h.lastSocket().onOpen();
      h.lastSocket().onClose();
      await h.advance(h.nextTimerIn());
    }
    await h.settle();
    h.lastSocket().onOpen();
    h.lastSocket().onClose();
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs * 8);
  });

  it('a failed call while the socket looks open checks the connection; a 401 means refused', async () => {
    const h = harness('ok');
    await h.settle();
    h.lastSocket().onOpen();
    h.answer('unreachable');
    h.connection.reportUnreachable();
    await h.settle();
    expect(h.sockets[0]!.closed).toBe(true);
    expect(h.connection.state().status).toBe('reconnecting');
    // A late close of the dropped socket changes nothing.
    h.sockets[0]!.onClose();
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs);

    h.connection.reportRefused();
    expect(h.connection.state()).toEqual({ status: 'refused' });
  });

  it('stop ends every timer and socket', async () => {
    const h = harness('ok');
    await h.settle();
    h.lastSocket().onOpen();
    h.connection.stop();
    expect(h.lastSocket().closed).toBe(true);
    h.lastSocket().onClose();
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.nextTimerIn()).toBe(Infinity);
  });
});

describe('browser-mode heartbeat', () => {
  const limit = silenceLimitMs(heartbeatWindow.defaultIntervalMs);

  async function connected(options: { heartbeatIntervalMs?: number } = {}) {
    const h = harness('ok', options);
    await h.settle();
    h.lastSocket().onOpen();
    return h;
  }

  it('waits 35 s (two missed beats and some) by default', () => {
    expect(limit).toBe(35_000);
  });

  it('a socket silent past the window is dropped: the bar shows, and once back the page re-reads', async () => {
    const h = await connected();
    h.answer('unreachable');
    await h.advance(limit - 1);
    expect(h.connection.state()).toEqual({ status: 'connected' });
    const probes = h.probeCount();
    await h.advance(1);
    expect(h.probeCount()).toBe(probes + 1);
    expect(h.sockets[0]!.closed).toBe(true);
    // Back-off starts over from the first delay, as for any connection that had been fine.
    expect(h.connection.state()).toEqual({
      status: 'reconnecting',
      nextAttemptAt: limit + retryDelays.firstMs,
    });
    h.answer('ok');
    await h.advance(retryDelays.firstMs);
    h.lastSocket().onOpen();
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.reconnected()).toBe(1);
    // A late close of the dead socket changes nothing.
    h.sockets[0]!.onClose();
    expect(h.connection.state()).toEqual({ status: 'connected' });
  });

  it('any message resets the clock', async () => {
    const h = await connected();
    await h.advance(limit - 1000);
    h.lastSocket().onMessage();
    await h.advance(limit - 1000);
    h.lastSocket().onMessage(heartbeatWindow.defaultIntervalMs);
    await h.advance(limit - 1);
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.sockets).toHaveLength(1);
    await h.advance(1);
    expect(h.connection.state().status).toBe('reconnecting');
  });

  it("sizes the window to the interval the server announces, and to the constructor's", async () => {
    const announced = await connected();
    announced.lastSocket().onMessage(600);
    await announced.advance(silenceLimitMs(600) - 1);
    expect(announced.connection.state().status).toBe('connected');
    await announced.advance(1);
    expect(announced.connection.state().status).toBe('reconnecting');

    const configured = await connected({ heartbeatIntervalMs: 300 });
    await configured.advance(silenceLimitMs(300));
    expect(configured.connection.state().status).toBe('reconnecting');
    // Nonsense in a heartbeat is ignored.
    const odd = await connected({ heartbeatIntervalMs: 300 });
    odd.lastSocket().onMessage(Number.NaN);
    odd.lastSocket().onMessage(-5);
    await odd.advance(silenceLimitMs(300));
    expect(odd.connection.state().status).toBe('reconnecting');
  });

  it('a page waking checks at once: a silent socket is replaced and the page re-reads', async () => {
    const h = await connected();
    // The machine slept: no timer ran, and no message came.
    h.sleep(limit + 60_000);
    h.connection.checkNow();
    await h.settle();
    expect(h.sockets[0]!.closed).toBe(true);
    h.lastSocket().onOpen();
    expect(h.sockets).toHaveLength(2);
    expect(h.reconnected()).toBe(1);
  });

  it('a page waking with a recent message probes; the socket is kept if the server answers', async () => {
    const h = await connected();
    await h.advance(10_000);
    const probes = h.probeCount();
    h.connection.checkNow();
    await h.settle();
    expect(h.probeCount()).toBe(probes + 1);
    expect(h.connection.state()).toEqual({ status: 'connected' });
    expect(h.sockets).toHaveLength(1);
    expect(h.sockets[0]!.closed).toBe(false);

    h.answer('unreachable');
    h.connection.checkNow();
    await h.settle();
    expect(h.sockets[0]!.closed).toBe(true);
    expect(h.connection.state().status).toBe('reconnecting');
  });

  it('a page waking with a refused token says so at once', async () => {
    const h = await connected();
    h.answer('refused');
    h.connection.checkNow();
    await h.settle();
    expect(h.connection.state()).toEqual({ status: 'refused' });
  });

  it('a page waking during a back-off retries now instead of waiting', async () => {
    const h = harness('unreachable');
    await h.settle();
    await h.advance(retryDelays.firstMs);
    expect(h.nextTimerIn()).toBe(retryDelays.firstMs * 2);
    h.answer('ok');
    h.connection.checkNow();
    await h.settle();
    h.lastSocket().onOpen();
    expect(h.connection.state()).toEqual({ status: 'connected' });
  });

  it('checks on visibilitychange (when visible) and on online, until told to stop', () => {
    let checks = 0;
    const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const window = new EventTarget();
    const stop = checkOnWake({ checkNow: () => void (checks += 1) }, { document, window });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toBe(0);
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toBe(1);
    window.dispatchEvent(new Event('online'));
    expect(checks).toBe(2);
    stop();
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
    expect(checks).toBe(2);
  });
});

describe('desktop connection', () => {
  it('is always connected, with a snapshot stable for React', () => {
    expect(alwaysConnected.state()).toEqual({ status: 'connected' });
    expect(alwaysConnected.state()).toBe(alwaysConnected.state());
  });
});
