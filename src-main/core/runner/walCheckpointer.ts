import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../context';

const intervalMs = 1_000;

/**
 * The checkpoint thread: a second connection that moves committed WAL pages into the database
 * file every second. PASSIVE checkpoints never block the writer and write no rows — the main
 * thread stays the only writer of data. Plain CommonJS on purpose: it needs nothing but
 * better-sqlite3, so it starts in a few milliseconds and costs little memory, from the bundle
 * and from sources alike.
 */
const checkpointThread = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY while another checkpoint runs is harmless: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * While runs write, SQLite's automatic checkpoint is switched off on the writer connection and
 * the checkpoint thread does it instead: a checkpoint syncs files to disk, which on a busy disk
 * takes tens of milliseconds that would otherwise stall the main thread's event loop. Shared by
 * the runs executing in a workspace; the automatic checkpoint is restored when the last one
 * ends (or if the thread fails).
 */
class WalCheckpointer {
  private users = 0;
  private worker: Worker | null = null;
  private previous = 1000;
  /** Threads told to stop that have not exited yet. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(private readonly ctx: Pick<CoreContext, 'db' | 'databaseFile' | 'logger'>) {}

  acquire() {
    this.users += 1;
    if (this.users > 1 || this.ctx.db.openOptions.readonly) return;
    const raw = this.ctx.db.raw;
    this.previous = Number(raw.pragma('wal_autocheckpoint', { simple: true }));
    raw.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(checkpointThread, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.ctx.databaseFile,
        nativeBinding: this.ctx.db.openOptions.nativeBinding ?? null,
        intervalMs,
      },
    });
    worker.unref();
    worker.on('error', (error) => {
      this.ctx.logger.warn('background checkpoints stopped; SQLite checkpoints itself again', {
        error: String(error),
      });
      this.restore();
    });
    this.worker = worker;
  }

  release() {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.restore();
  }

  /** Resolves when every checkpoint thread has closed its connection and exited. */
  async stopped(): Promise<void> {
    await Promise.all([...this.stopping]);
  }

  private restore() {
    const worker = this.worker;
    this.worker = null;
    if (this.ctx.db.raw.open) this.ctx.db.raw.pragma(`wal_autocheckpoint = ${this.previous}`);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.stopping.add(exited);
    void exited.then(() => this.stopping.delete(exited));
    worker.postMessage('stop');
  }
}

const checkpointers = new WeakMap<object, WalCheckpointer>();

/** The checkpointer of a workspace's database (one per connection). */
export function walCheckpointer(ctx: Pick<CoreContext, 'db' | 'databaseFile' | 'logger'>) {
  let checkpointer = checkpointers.get(ctx.db);
  if (!checkpointer) {
    checkpointer = new WalCheckpointer(ctx);
    checkpointers.set(ctx.db, checkpointer);
  }
  return checkpointer;
}
