/** Runs one local completion inside a worker thread, as the engine does, and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { providerRegistry } from '../../../src-main/core/providers/registry';
import { unloadLocalModels } from '../../../src-main/core/providers/local/llamaRuntime';

const { modelPath } = workerData as { modelPath: string };
const adapter = providerRegistry.create(
  'local',
  { modelPath, contextSize: 256 },
  { secret: () => undefined },
);
let message: unknown;
try {
  const result = await adapter.complete({
    model: 'default',
    messages: [{ role: 'user', content: 'Once upon a time' }],
    params: { max_tokens: 12, temperature: 0 },
    stream: true,
    signal: new AbortController().signal,
  });
  message = { ok: true, result };
} catch (error) {
  message = { ok: false, error: String(error) };
} finally {
  // Free native objects before the thread ends; the thread then exits on its own.
  await adapter.close?.();
  await unloadLocalModels();
}
parentPort?.postMessage(message);
