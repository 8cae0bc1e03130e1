import { resolveLocalModel, type DownloadProgress } from '../providers/local/modelResolver';
import type { CheckedSuite } from '../suites/validate';

/**
 * Makes sure every in-process model of a suite has its GGUF file before the run is planned:
 * a `model: default` with no YARDSTICK_LOCAL_MODEL and no earlier download is downloaded now,
 * with progress (a first request would otherwise wait for the whole download inside its
 * timeout). Planning afterwards pins the file in the manifest. Returns the files downloaded.
 * Without a network the download fails with a message saying how to point at a GGUF file.
 */
export async function ensureLocalModels(
  checked: CheckedSuite,
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const downloaded: string[] = [];
  for (const provider of checked.providers.values()) {
    if (provider.kind !== 'local' || provider.resolvedModel !== null) continue;
    const allowDownload = (provider.config as { allowDownload?: boolean }).allowDownload ?? true;
    const resolved = await resolveLocalModel({
      allowDownload,
      onProgress,
      ...(signal ? { signal } : {}),
    });
    if (resolved.source === 'download') downloaded.push(resolved.path);
  }
  return downloaded;
}
