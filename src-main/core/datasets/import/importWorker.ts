/**
 * Worker thread for large imports: reads, maps and prepares records (prepare.ts) and posts
 * them in batches to the main thread, which alone writes to SQLite. The thread's heap is
 * capped by the caller (resourceLimits), so the garbage of parsing a large file stays small,
 * and the main thread (the UI's API) stays responsive. At most two batches are in flight:
 * the main thread acknowledges each one it has written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packEntries, prepareImport, type PrepareRequest } from './prepare';

type FromMain = { type: 'ack' } | { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('importWorker must run in a worker thread');
const request = workerData as PrepareRequest;
const controller = new AbortController();
const maxInFlight = 2;
let inFlight = 0;
let wake: (() => void) | null = null;

port.on('message', (message: FromMain) => {
  if (message.type === 'cancel') controller.abort();
  else inFlight--;
  wake?.();
  wake = null;
});

async function run() {
  for await (const event of prepareImport(request, controller.signal)) {
    if (event.kind !== 'batch') {
      port?.postMessage(event);
      continue;
    }
    const payload = packEntries(event.entries);
    const { entries, ...rest } = event;
    port?.postMessage({ ...rest, count: entries.length, payload }, [payload.buffer as ArrayBuffer]);
    inFlight++;
    while (inFlight >= maxInFlight && !controller.signal.aborted) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
}

run().then(
  () => port.close(),
  (error: unknown) => {
    port.postMessage({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
      cancelled: controller.signal.aborted,
    });
    port.close();
  },
);
