/**
 * Which GGUF file the local provider runs: explicit path, YARDSTICK_LOCAL_MODEL, the
 * downloaded default, or a first-use download (here from a loopback server serving the real
 * stories260K file, through node-llama-cpp's downloader) — and clear failures otherwise.
 */
import { readFileSync, statSync, symlinkSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultLocalModel,
  findLocalModel,
  resolveLocalModel,
  type DownloadProgress,
} from '@core/providers/local/modelResolver';
import type { ProviderError } from '@core/providers/types';
import { useTempDir } from '../../support/tempDir';
import { testModelPath } from './localModel';
import { closedPort, failure } from './support';

const modelPath = testModelPath();
const tempDir = useTempDir();
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Serves the GGUF bytes at /model.gguf (with ranges, as download managers ask for them). */
async function serveModel(): Promise<string> {
  const bytes = readFileSync(modelPath);
  const server = createServer((req, res) => {
    if (req.url !== '/model.gguf') {
      res.writeHead(404).end();
      return;
    }
    const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Number(range[2]) : bytes.length - 1;
    const headers = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${bytes.length}` } : {}),
    };
    res.writeHead(range ? 206 : 200, headers);
    res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.gguf`;
}

describe('local model resolution', () => {
  it('prefers the explicit path, then YARDSTICK_LOCAL_MODEL, then the downloaded default', () => {
    const modelsDir = join(tempDir(), 'models');
    mkdirSync(modelsDir);
    expect(findLocalModel({ explicitPath: modelPath, env: {}, modelsDir })).toEqual({
      path: modelPath,
      source: 'config',
    });
    expect(findLocalModel({ env: { YARDSTICK_LOCAL_MODEL: modelPath }, modelsDir })).toEqual({
      path: modelPath,
      source: 'environment',
    });
    expect(findLocalModel({ env: {}, modelsDir })).toBeNull();
    const downloaded = join(modelsDir, defaultLocalModel.fileName);
    symlinkSync(modelPath, downloaded);
    expect(findLocalModel({ env: {}, modelsDir })).toEqual({
      path: downloaded,
      source: 'downloaded',
    });
  });

  it('names the missing file when a configured path does not exist', async () => {
    const e = (await failure(
      resolveLocalModel({ env: { YARDSTICK_LOCAL_MODEL: '/no/such/model.gguf' } }),
    )) as ProviderError;
    expect(e.errorClass).toBe('unavailable');
    expect(e.message).toContain('YARDSTICK_LOCAL_MODEL points at /no/such/model.gguf');
  });

  it('says how to point at a GGUF file when downloading is off', async () => {
    const e = (await failure(
      resolveLocalModel({ env: {}, modelsDir: tempDir(), allowDownload: false }),
    )) as ProviderError;
    expect(e.errorClass).toBe('unavailable');
    expect(e.message).toMatch(/set YARDSTICK_LOCAL_MODEL to the path of a GGUF file/);
  });

  it('downloads the default model on first use, with progress, then finds it', async () => {
    const modelsDir = join(tempDir(), 'models');
    const progress: DownloadProgress[] = [];
    const resolved = await resolveLocalModel({
      env: {},
      modelsDir,
      downloadUri: await serveModel(),
      onProgress: (p) => progress.push(p),
    });
    expect(resolved.source).toBe('download');
    expect(resolved.path).toBe(join(modelsDir, defaultLocalModel.fileName));
    expect(statSync(resolved.path).size).toBe(statSync(modelPath).size);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.totalBytes).toBe(statSync(modelPath).size);
    expect(findLocalModel({ env: {}, modelsDir })?.source).toBe('downloaded');
  });

  it('fails at once, with a clear message, when the download source is unreachable', async () => {
    const port = await closedPort();
    const started = performance.now();
    const e = (await failure(
      resolveLocalModel({
        env: {},
        modelsDir: tempDir(),
        downloadUri: `http://127.0.0.1:${port}/model.gguf`,
      }),
    )) as ProviderError;
    expect(e.errorClass).toBe('unavailable');
    expect(e.message).toContain(`Could not download the default local model`);
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).toContain('set YARDSTICK_LOCAL_MODEL to the path of a GGUF file');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
