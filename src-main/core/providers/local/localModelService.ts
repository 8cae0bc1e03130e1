/** The local model as the app shows it: what would run, and a download job with progress. */
import type { LocalModelStatus } from '@contract/routes/providers';
import type { CoreContext } from '../../context';
import { ProviderError } from '../types';
import {
  defaultLocalModel,
  defaultModelsDir,
  findLocalModel,
  resolveLocalModel,
} from './modelResolver';

export function localModelStatus(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LocalModelStatus {
  const modelsDir = defaultModelsDir(env);
  const defaults = {
    name: defaultLocalModel.name,
    uri: defaultLocalModel.uri,
    homepage: defaultLocalModel.homepage,
    licence: defaultLocalModel.licence,
    approximateSize: defaultLocalModel.approximateSize,
  };
  try {
    const found = findLocalModel({ env, modelsDir });
    return {
      path: found?.path ?? null,
      source: found ? (found.source as 'config' | 'environment' | 'downloaded') : null,
      problem: found
        ? null
        : 'no GGUF model yet: the default model will be downloaded on first use',
      modelsDir,
      defaultModel: defaults,
    };
  } catch (error) {
    return {
      path: null,
      source: null,
      problem: error instanceof ProviderError ? error.message : String(error),
      modelsDir,
      defaultModel: defaults,
    };
  }
}

/** Starts the default model's download as a job (progress in bytes; cancel deletes the partial file). */
export function startLocalModelDownload(
  ctx: CoreContext,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const { id } = ctx.jobs.start(
    'local-model-download',
    `Download ${defaultLocalModel.name}`,
    async (job) => {
      const resolved = await resolveLocalModel({
        env,
        modelsDir: defaultModelsDir(env),
        signal: job.signal,
        onProgress: ({ downloadedBytes, totalBytes }) =>
          job.progress(downloadedBytes, totalBytes || null, 'bytes'),
      });
      ctx.logger.info('local model ready', { path: resolved.path, source: resolved.source });
      return resolved.path;
    },
  );
  return id;
}
