import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '@core/host';
import { migrations } from '@core/db/migrations';
import { RemoteBindRefused, startWebHost, type WebHost } from '../../src-main/server/webHost';
import { openTestCore, repoRoot } from '../support/core';
import { useTempDir } from '../support/tempDir';
import { join } from 'node:path';

interface Reply {
  status: number;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be forged the way an attacker would. */
function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/invoke',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode host', () => {
  const tempDir = useTempDir();
  let core: Core;
  let host: WebHost;
  afterEach(async () => {
    await host?.close();
    await core?.close();
  });

  async function start() {
    core = openTestCore(tempDir());
    host = await startWebHost({ core, staticDir: join(repoRoot, 'out', 'renderer'), port: 0 });
    return host;
  }

  function invoke(route: string, input: unknown, headers: Record<string, string> = {}) {
    return send(host.port, {
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${host.token}`,
        host: `127.0.0.1:${host.port}`,
        ...headers,
      },
      body: JSON.stringify({ route, input }),
    });
  }

  async function storedSecretCount() {
    const result = await core.dispatch('secrets.list', {});
    return result.ok
      ? (result.value as { source: string }[]).filter((s) => s.source === 'stored').length
      : -1;
  }

  it('prints a loopback URL carrying the token', async () => {
    await start();
    expect(host.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`),
    );
  });

  it('serves a valid call', async () => {
    await start();
    const reply = await invoke('workspace.info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { schemaVersion: migrations.length },
    });
  });

  it('answers 401 without the token or with a wrong one, and changes nothing', async () => {
    await start();
    const write = { name: 'OPENAI_API_KEY', value: 'sk-should-not-be-stored-123' };
    expect((await invoke('secrets.set', write, { authorization: '' })).status).toBe(401);
    expect((await invoke('secrets.set', write, { authorization: 'Bearer nope' })).status).toBe(401);
    expect(await storedSecretCount()).toBe(0);
  });

  it('answers 403 to a foreign Origin or Host, even with the token, and changes nothing', async () => {
    await start();
    const write = { name: 'OPENAI_API_KEY', value: 'sk-should-not-be-stored-123' };
    expect((await invoke('secrets.set', write, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await invoke('secrets.set', write, { host: `evil.example:${host.port}` })).status).toBe(
      403,
    );
    expect((await invoke('secrets.set', write, { origin: 'http://localhost:1' })).status).toBe(403);
    expect(await storedSecretCount()).toBe(0);
  });

  it('accepts the same-origin browser Origin', async () => {
    await start();
    const reply = await invoke('workspace.info', {}, { origin: `http://127.0.0.1:${host.port}` });
    expect(reply.status).toBe(200);
  });

  it('answers 400 to malformed commands and invalid input, and changes nothing', async () => {
    await start();
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${host.token}`,
      host: `127.0.0.1:${host.port}`,
    };
    expect((await send(host.port, { headers, body: '{not json' })).status).toBe(400);
    expect((await send(host.port, { headers, body: '[]' })).status).toBe(400);
    expect((await send(host.port, { headers, body: JSON.stringify({ input: {} }) })).status).toBe(
      400,
    );
    expect((await invoke('no.such.route', {})).status).toBe(400);
    const bad = await invoke('secrets.set', { name: 'OPENAI_API_KEY', value: 5 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'value' }] },
    });
    expect(await storedSecretCount()).toBe(0);
  });

  it('refuses to bind a non-loopback address unless told to', async () => {
    core = openTestCore(tempDir());
    await expect(
      startWebHost({ core, staticDir: tempDir(), host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow(RemoteBindRefused);
  });

  it("answers the page's connection check: 204 with the token, 401 with another", async () => {
    await start();
    const ping = (token: string) =>
      send(host.port, {
        method: 'GET',
        path: '/api/ping',
        headers: { authorization: `Bearer ${token}`, host: `127.0.0.1:${host.port}` },
      });
    expect(await ping(host.token)).toEqual({ status: 204, body: '' });
    const refused = await ping('token-of-an-earlier-launch');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('pushes events over a WebSocket that requires the token', async () => {
    await start();
    const base = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = new WebSocket(`${base}?token=wrong`);
    const refusal = await new Promise<string>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      refused.on('error', () => resolve('error'));
    });
    expect(refusal).toBe('401');

    const socket = new WebSocket(`${base}?token=${host.token}`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const message = new Promise<unknown>((resolve) =>
      socket.on('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    await invoke('secrets.set', { name: 'OPENAI_API_KEY', value: 'sk-event-test-123456' });
    expect(await message).toEqual({
      event: 'workspace.changed',
      payload: { domain: 'secrets', reason: 'OPENAI_API_KEY stored' },
    });
    socket.close();
  });
});
