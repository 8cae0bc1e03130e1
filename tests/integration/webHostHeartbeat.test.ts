import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '@core/host';
import {
  heartbeatDefaults,
  heartbeatMessage,
  startWebHost,
  type WebHost,
} from '../../src-main/server/webHost';
import { openTestCore, repoRoot } from '../support/core';
import { useTempDir } from '../support/tempDir';

/**
 * The event socket's liveness, on loopback with real `ws` clients: the server pings every
 * interval and terminates a client that missed a pong; every client gets a heartbeat message
 * at once and then each interval, which is what the page watches.
 */
describe('browser-mode heartbeat', () => {
  const tempDir = useTempDir();
  const intervalMs = 150;
  let core: Core;
  let host: WebHost;
  const clients: WebSocket[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.terminate());
    await host?.close();
    await core?.close();
  });

  /** `null`: the host's own default. */
  async function start(heartbeatMs: number | null = intervalMs) {
    core = openTestCore(tempDir());
    host = await startWebHost({
      core,
      staticDir: join(repoRoot, 'out', 'renderer'),
      port: 0,
      ...(heartbeatMs === null ? {} : { heartbeatMs }),
    });
  }

  /** A client with its messages (and their arrival times) recorded from the start. */
  async function connect(options: { autoPong?: boolean } = {}) {
    const socket = new WebSocket(
      `ws://127.0.0.1:${host.port}/api/events?token=${host.token}`,
      options,
    );
    clients.push(socket);
    const messages: { at: number; data: string }[] = [];
    socket.on('message', (data: Buffer) =>
      messages.push({ at: Date.now(), data: data.toString() }),
    );
    const closed = new Promise<{ at: number; code: number }>((resolve) =>
      socket.on('close', (code) => resolve({ at: Date.now(), code })),
    );
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    return { socket, messages, closed, openedAt: Date.now() };
  }

  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('documents a 15 s default beat', () => {
    expect(heartbeatDefaults.intervalMs).toBe(15_000);
    expect(JSON.parse(heartbeatMessage(15_000))).toEqual({
      event: 'heartbeat',
      payload: { intervalMs: 15_000 },
    });
  });

  it('terminates a client that stops answering pings within two intervals, keeps one that answers', async () => {
    await start();
    const healthy = await connect();
    const dead = await connect({ autoPong: false });
    const { at, code } = await dead.closed;
    // Pinged at the first tick, found unanswered at the second: terminated, not closed politely.
    expect(code).toBe(1006);
    expect(at - dead.openedAt).toBeGreaterThanOrEqual(intervalMs - 20);
    // Two intervals, plus room for a machine shared with other work.
    expect(at - dead.openedAt).toBeLessThan(2 * intervalMs + 400);

    await delay(4 * intervalMs);
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('sends a heartbeat at once and then every interval, and keeps sending events', async () => {
    await start();
    const client = await connect();
    await delay(4.5 * intervalMs);
    const beats = client.messages.filter((m) => m.data === heartbeatMessage(intervalMs));
    expect(beats.length).toBeGreaterThanOrEqual(4);
    expect(beats.length).toBeLessThanOrEqual(6);
    // The first is sent on connection, before any tick: the page learns the interval at once.
    expect(beats[0]!.at - client.openedAt).toBeLessThan(intervalMs);
    const gaps = beats.slice(1).map((beat, i) => beat.at - beats[i]!.at);
    gaps.slice(1).forEach((gap) => expect(gap).toBeLessThan(2 * intervalMs));

    await core.dispatch('secrets.set', {
      name: 'OPENAI_API_KEY',
      value: 'sk-heartbeat-test-12345',
    });
    await delay(50);
    expect(client.messages.map((m) => JSON.parse(m.data) as { event: string })).toContainEqual(
      expect.objectContaining({ event: 'workspace.changed' }),
    );
  });

  it('uses the 15 s default when no interval is given', async () => {
    await start(null);
    const client = await connect();
    await delay(300);
    expect(client.messages.map((m) => m.data)).toEqual([heartbeatMessage(15_000)]);
  });
});
