import { afterEach, describe, expect, it } from 'vitest';
import { finished, spawnTs, waitForLine } from '../../support/spawnTs';
import { startSimulator, type SimLogEntry, type Simulator } from '../../simulator';

const open: Simulator[] = [];
afterEach(async () => {
  for (const sim of open.splice(0)) await sim.close();
});

async function sim(options: Parameters<typeof startSimulator>[0] = {}) {
  const s = await startSimulator(options);
  open.push(s);
  return s;
}

function chat(url: string, body: object, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'hello world' }],
      ...body,
    }),
  });
}

describe('provider simulator server', () => {
  it('listens on an ephemeral loopback port', async () => {
    const s = await sim();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.port).toBeGreaterThan(0);
  });

  it('logs every request with its cell tag, route, outcome and server-measured latency', async () => {
    const s = await sim({ latency: 30 });
    const before = performance.timeOrigin + performance.now();
    const res = await chat(s.url, {}, { 'x-yardstick-cell': 'cell-1' });
    expect(res.status).toBe(200);
    await res.text();
    const after = performance.timeOrigin + performance.now();
    const [entry] = s.log();
    expect(entry).toMatchObject({
      seq: 1,
      route: 'openai.chat',
      method: 'POST',
      path: '/v1/chat/completions',
      tag: 'cell-1',
      model: 'sim-small',
      stream: false,
      status: 200,
      fault: 'ok',
      clientAborted: false,
    } satisfies Partial<SimLogEntry>);
    expect(entry?.latencyMs).toBeGreaterThanOrEqual(29);
    // Epoch times a client in another process can line up with its own.
    const { startedAtEpoch, finishedAtEpoch } = entry as SimLogEntry;
    expect(startedAtEpoch).toBeGreaterThanOrEqual(before);
    expect(finishedAtEpoch).toBeLessThanOrEqual(after);
    expect((finishedAtEpoch as number) - startedAtEpoch).toBeCloseTo(entry?.latencyMs as number, 3);
  });

  it('serves the log and takes configuration over HTTP', async () => {
    const s = await sim();
    const set = await fetch(`${s.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: { script: ['server_503'] } }),
    });
    expect(set.status).toBe(200);
    const first = await chat(s.url, {});
    expect(first.status).toBe(503);
    await first.text();
    const second = await chat(s.url, {});
    expect(second.status).toBe(200);
    await second.text();
    const log = (await (await fetch(`${s.url}/__sim/log`)).json()) as { entries: SimLogEntry[] };
    expect(log.entries.map((e) => [e.status, e.fault])).toEqual([
      [503, 'server_503'],
      [200, 'ok'],
    ]);
    const since = (await (await fetch(`${s.url}/__sim/log?since=1`)).json()) as {
      entries: SimLogEntry[];
    };
    expect(since.entries.map((e) => e.seq)).toEqual([2]);
    await fetch(`${s.url}/__sim/log`, { method: 'DELETE' });
    expect(s.log()).toEqual([]);
    const bad = await fetch(`${s.url}/__sim/config`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
  });

  it('applies per-model behaviour and responders', async () => {
    const s = await sim({
      responder: { kind: 'fixed', text: 'default reply' },
      models: {
        judge: { responder: { kind: 'judge' } },
        flaky: { faults: { script: ['server_500'] } },
      },
    });
    const plain = (await (await chat(s.url, {})).json()) as {
      choices: [{ message: { content: string } }];
    };
    expect(plain.choices[0].message.content).toBe('default reply');
    const judged = (await (
      await chat(s.url, { model: 'judge', messages: [{ role: 'user', content: 'Response: fine' }] })
    ).json()) as { choices: [{ message: { content: string } }] };
    expect(JSON.parse(judged.choices[0].message.content)).toHaveProperty('score');
    const flaky = await chat(s.url, { model: 'flaky' });
    expect(flaky.status).toBe(500);
    await flaky.text();
  });

  it('gives the same random text for the same request', async () => {
    const s = await sim({ responder: { kind: 'random', words: 12 } });
    const text = async () =>
      (
        (await (await chat(s.url, { seed: 3 })).json()) as {
          choices: [{ message: { content: string } }];
        }
      ).choices[0].message.content;
    const a = await text();
    expect(a.split(' ')).toHaveLength(12);
    expect(await text()).toBe(a);
  });

  it('rejects bodies that do not fit the wire format with a 400', async () => {
    const s = await sim();
    const res = await chat(s.url, { messages: 'not a list' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('messages');
    const anthropic = await fetch(`${s.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(anthropic.status).toBe(400);
    expect(await anthropic.text()).toContain('max_tokens');
  });

  it('answers the identifying endpoints of the local server it plays', async () => {
    const s = await sim({ server: 'ollama' });
    expect(await (await fetch(`${s.url}/api/version`)).json()).toHaveProperty('version');
    const other = await sim({ server: 'vllm' });
    expect((await fetch(`${other.url}/api/version`)).status).toBe(404);
    expect(await (await fetch(`${other.url}/version`)).json()).toHaveProperty('version');
  });

  it('runs as its own process and prints its URL on a line of its own', async () => {
    const child = spawnTs('tests/simulator/main.ts', ['--port', '0', '--config', '{"latency": 1}']);
    const done = finished(child);
    try {
      const line = await waitForLine(child, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await chat(line.trim(), {});
      expect(res.status).toBe(200);
      await res.text();
    } finally {
      child.kill('SIGTERM');
    }
    expect((await done).code).toBe(0);
  });
});
