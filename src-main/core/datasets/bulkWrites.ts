import type { CoreContext } from '../context';
import { walCheckpointer } from '../runner/walCheckpointer';

/**
 * While a large version is written, WAL checkpoints run on a background thread instead of
 * stalling the writer every thousand pages (the runs use the same checkpointer). Returns the
 * function that hands checkpoints back to SQLite.
 */
export function tuneForBulkWrites(
  ctx: Pick<CoreContext, 'db' | 'databaseFile' | 'logger'>,
): () => void {
  const checkpointer = walCheckpointer(ctx);
  checkpointer.acquire();
  return () => checkpointer.release();
}
