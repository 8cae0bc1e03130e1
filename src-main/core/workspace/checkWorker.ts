/**
 * The workspace check's thread: `integrity_check` reads every page of the database and takes
 * seconds on a large workspace, so it runs here, on a read-only connection of its own, and the
 * main thread's event loop stays free. It reports its phase and the result; to cancel it, the
 * main thread terminates the thread (SQLite offers no way to stop a pragma half way).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Db } from '../db/connection';
import { checkWorkspace } from './check';
import type { CheckRequest, FromCheckWorker } from './checkProtocol';

const port = parentPort;
if (!port) throw new Error('checkWorker must run in a worker thread');

const request = workerData as CheckRequest;
const post = (message: FromCheckWorker) => port.postMessage(message);

try {
  const db = new Db(request.file, {
    readonly: true,
    ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}),
  });
  try {
    const check = checkWorkspace(db, (progress) => post({ type: 'progress', progress }));
    post({ type: 'result', check });
  } finally {
    db.close();
  }
} catch (error) {
  const { message, code } = error as { message?: unknown; code?: unknown };
  post({
    type: 'error',
    message: typeof message === 'string' ? message : String(error),
    code: typeof code === 'string' ? code : null,
  });
}
