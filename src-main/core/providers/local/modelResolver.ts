/**
 * Which GGUF file the `local` provider runs: the config's explicit path, else
 * `YARDSTICK_LOCAL_MODEL`, else the default model already downloaded to `<userData>/models/`,
 * else a first-use download of that default model with progress. Without a network the
 * download fails cleanly with a message saying how to point at a GGUF file instead.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userDataDir } from '../../workspace/paths';
import { ProviderError } from '../types';

/** The default local model: small, permissively licensed, instruction-tuned, official GGUF. */
export const defaultLocalModel = {
  name: 'Qwen2.5 0.5B Instruct (Q4_K_M)',
  licence: 'Apache-2.0',
  uri: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf',
  homepage: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF',
  fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
  approximateSize: 'about 0.5 GB',
} as const;

export const localModelEnvVar = 'YARDSTICK_LOCAL_MODEL';

export type LocalModelSource = 'config' | 'environment' | 'downloaded' | 'download';

export interface ResolvedLocalModel {
  path: string;
  source: LocalModelSource;
}

export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number;
}

export interface ResolveOptions {
  /** An explicit GGUF path (suite or provider config); relative paths resolve from `cwd`. */
  explicitPath?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where downloaded models live (default `<userData>/models`). */
  modelsDir?: string;
  /** Download the default model if nothing else is found (default true). */
  allowDownload?: boolean;
  /** The download source (tests point it at a loopback server). */
  downloadUri?: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  cwd?: string;
}

export function defaultModelsDir(env: Readonly<Record<string, string | undefined>> = process.env) {
  return join(userDataDir(process.platform, env), 'models');
}

function requireGguf(path: string, what: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ProviderError('unavailable', `${what} ${path} does not exist or is not a file`);
  }
  return path;
}

/** What `resolveLocalModel` would use right now, without downloading (null: a download is needed). */
export function findLocalModel(options: ResolveOptions = {}): ResolvedLocalModel | null {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  if (options.explicitPath)
    return {
      path: requireGguf(resolve(cwd, options.explicitPath), 'The local model file'),
      source: 'config',
    };
  const fromEnv = env[localModelEnvVar];
  if (fromEnv)
    return {
      path: requireGguf(resolve(cwd, fromEnv), `${localModelEnvVar} points at`),
      source: 'environment',
    };
  const downloaded = join(options.modelsDir ?? defaultModelsDir(env), defaultLocalModel.fileName);
  if (existsSync(downloaded)) return { path: downloaded, source: 'downloaded' };
  return null;
}

export async function resolveLocalModel(options: ResolveOptions = {}): Promise<ResolvedLocalModel> {
  const found = findLocalModel(options);
  if (found) return found;
  const modelsDir = options.modelsDir ?? defaultModelsDir(options.env ?? process.env);
  if (options.allowDownload === false) {
    throw new ProviderError(
      'unavailable',
      `No local model: set ${localModelEnvVar} to the path of a GGUF file, or download the default model (${defaultLocalModel.name}, ${defaultLocalModel.approximateSize}) into ${modelsDir}.`,
    );
  }
  return { path: await downloadDefaultModel(modelsDir, options), source: 'download' };
}

/** How long the source may stay silent (no answer, no progress) before the download fails. */
const reachTimeoutMs = 10_000;
const stallTimeoutMs = 60_000;

/**
 * Checks that the download source answers at all before starting: node-llama-cpp's
 * downloader retries an unreachable host for minutes, while a user without a network should
 * hear so at once.
 */
async function checkReachable(uri: string, signal: AbortSignal | undefined): Promise<void> {
  const origin = uri.startsWith('hf:') ? 'https://huggingface.co' : new URL(uri).origin;
  const timeout = AbortSignal.timeout(reachTimeoutMs);
  const response = await fetch(`${origin}/`, {
    method: 'HEAD',
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  // Any status will do: the host answered.
  await response.body?.cancel();
}

async function downloadDefaultModel(modelsDir: string, options: ResolveOptions): Promise<string> {
  const uri = options.downloadUri ?? defaultLocalModel.uri;
  const stalled = new AbortController();
  let watchdog: NodeJS.Timeout | undefined;
  const rearm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(
      () => stalled.abort(new Error(`no data for ${stallTimeoutMs / 1000} s`)),
      stallTimeoutMs,
    );
  };
  try {
    await checkReachable(uri, options.signal);
    const { createModelDownloader } = await import('node-llama-cpp');
    const downloader = await createModelDownloader({
      modelUri: uri,
      dirPath: modelsDir,
      fileName: defaultLocalModel.fileName,
      showCliProgress: false,
      deleteTempFileOnCancel: true,
      onProgress: (status) => {
        rearm();
        options.onProgress?.({
          downloadedBytes: status.downloadedSize,
          totalBytes: status.totalSize,
        });
      },
    });
    rearm();
    const signal = options.signal
      ? AbortSignal.any([options.signal, stalled.signal])
      : stalled.signal;
    return await downloader.download({ signal });
  } catch (error) {
    if (options.signal?.aborted)
      throw new ProviderError('cancelled', 'The download of the default local model was cancelled');
    const reason = stalled.signal.aborted
      ? String((stalled.signal.reason as Error).message)
      : describeError(error);
    throw new ProviderError(
      'unavailable',
      `Could not download the default local model (${defaultLocalModel.name}, ${defaultLocalModel.approximateSize}) from ${describeSource(uri)}: ${reason}. ` +
        `Without a network, set ${localModelEnvVar} to the path of a GGUF file (for example ../shared/models/stories260K.gguf) and try again.`,
    );
  } finally {
    clearTimeout(watchdog);
  }
}

/** fetch wraps the real cause (ENOTFOUND, ECONNREFUSED) in a generic "fetch failed". */
function describeError(error: unknown): string {
  const e = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = e?.cause;
  if (cause && typeof cause.code === 'string') return `${String(e.message)} (${cause.code})`;
  if (cause && typeof cause.message === 'string') return `${String(e.message)} (${cause.message})`;
  return error instanceof Error ? error.message : String(error);
}

function describeSource(uri: string): string {
  if (uri.startsWith('hf:')) return 'huggingface.co';
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}
