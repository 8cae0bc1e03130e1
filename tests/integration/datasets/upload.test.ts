import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { receiveUpload } from '../../../src-main/server/uploads';
import { startWebHost, type WebHost } from '../../../src-main/server/webHost';
import { call, openTestCore, repoRoot } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { importFiles } from '../../unit/datasets/jobHelpers';

function post(
  port: number,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/upload', headers },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode upload', () => {
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
  }

  const headers = () => ({
    'content-type': 'application/octet-stream',
    authorization: `Bearer ${host.token}`,
    host: `127.0.0.1:${host.port}`,
    'x-file-name': encodeURIComponent('../../my data.jsonl'),
  });

  it('streams the body into the workspace uploads folder, where an import can read it', async () => {
    await start();
    const body = Buffer.from('{"question":"q1","answer":"a1"}\n{"question":"q2","answer":"a2"}\n');
    const reply = await post(host.port, headers(), body);
    expect(reply.status).toBe(200);
    const { value } = JSON.parse(reply.body) as {
      value: { path: string; name: string; bytes: number };
    };
    expect(value).toMatchObject({ name: 'my_data.jsonl', bytes: body.length });
    expect(value.path.startsWith(join(core.context.workspaceDir, 'uploads'))).toBe(true);
    expect(readFileSync(value.path)).toEqual(body);
    // The file keeps the user's name: the version's source records it, errors name it.
    expect(basename(value.path)).toBe('my_data.jsonl');
    const outcome = await importFiles(core, { paths: [value.path], datasetName: 'uploaded' });
    expect(outcome).toMatchObject({ status: 'imported', itemCount: 2 });
    const source = core.context.repos.datasets.versionSource(outcome.versionId ?? '');
    expect(JSON.stringify(source)).toContain('"name":"my_data.jsonl"');
  });

  it('names the uploaded file, and says "Check" for a dry run, in the job tray', async () => {
    await start();
    const body = Buffer.from('{"question":"q1","answer":"a1"}\n');
    const { value } = JSON.parse((await post(host.port, headers(), body)).body) as {
      value: { path: string };
    };
    for (const dryRun of [true, false]) {
      const { jobId } = await call<{ jobId: string }>(core, 'datasets.import', {
        paths: [value.path],
        datasetName: 'uploaded',
        dryRun,
      });
      while (core.context.jobs.get(jobId)?.status === 'running')
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(core.context.jobs.list().map((j) => j.title)).toEqual(
      expect.arrayContaining(['Check my_data.jsonl → uploaded', 'Import my_data.jsonl → uploaded']),
    );
  });

  it('applies the same token, Host and Origin checks as the API', async () => {
    await start();
    const body = Buffer.from('x');
    expect(
      (await post(host.port, { ...headers(), authorization: 'Bearer wrong' }, body)).status,
    ).toBe(401);
    expect(
      (await post(host.port, { ...headers(), host: `evil.example:${host.port}` }, body)).status,
    ).toBe(403);
    expect(
      (await post(host.port, { ...headers(), origin: 'http://evil.example' }, body)).status,
    ).toBe(403);
    expect(
      (await post(host.port, { ...headers(), 'content-type': 'text/plain' }, body)).status,
    ).toBe(400);
    const uploads = join(core.context.workspaceDir, 'uploads');
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
  });

  it('refuses an upload over the size limit, keeping nothing', async () => {
    core = openTestCore(tempDir());
    // The same handler the host mounts, with a 1 KiB limit so the test stays small.
    const server = createServer((req, res) => void receiveUpload(core, req, res, 1024));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const plain = { 'content-type': 'application/octet-stream', 'x-file-name': 'big.csv' };
      const streamed = await post(
        port,
        { ...plain, 'transfer-encoding': 'chunked' },
        Buffer.alloc(4096, 0x61),
      ).catch(() => ({
        status: 413,
        body: '',
      }));
      expect(streamed.status).toBe(413);
      const declared = await post(
        port,
        { ...plain, 'content-length': '5000' },
        Buffer.alloc(5000, 0x61),
      ).catch(() => ({ status: 413, body: '' }));
      expect(declared.status).toBe(413);
      // The streamed one was started and removed; the declared one never touched the disk.
      expect(readdirSync(join(core.context.workspaceDir, 'uploads'))).toEqual([]);
      const small = await post(port, plain, Buffer.from('{"question":"q"}\n'));
      expect(small.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('removes the uploads of a session when the core closes', async () => {
    await start();
    const ok = await post(host.port, headers(), Buffer.from('{"question":"q"}\n'));
    const { value } = JSON.parse(ok.body) as { value: { path: string } };
    expect(existsSync(value.path)).toBe(true);
    await host.close();
    await core.close();
    expect(existsSync(value.path)).toBe(false);
    core = openTestCore(tempDir());
    host = await startWebHost({ core, staticDir: join(repoRoot, 'out', 'renderer'), port: 0 });
  });
});
