import { describe, expect, it } from 'vitest';
import {
  alwaysConnected,
  createConnection,
  retryDelays,
  type ConnectionState,
  type ProbeResult,
  type SocketHandlers,
} from '../../../src-renderer/src/api/connection';

/**
 * The transport is the boundary: a scripted probe and socket, and a clock whose timers run
 * only when the test advances it.
 */
function harness(firstProbe: ProbeResult) {
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
    await h.advance(60_000);
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

describe('desktop connection', () => {
  it('is always connected, with a snapshot stable for React', () => {
    expect(alwaysConnected.state()).toEqual({ status: 'connected' });
    expect(alwaysConnected.state()).toBe(alwaysConnected.state());
  });
});
