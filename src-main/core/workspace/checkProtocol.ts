import type { WorkspaceCheck } from '@contract/routes/workspaceCare';
import type { CheckProgress } from './check';

/** What the check thread is given: the database file and the driver binding of this runtime. */
export interface CheckRequest {
  file: string;
  nativeBinding: string | null;
}

/** Messages from the check thread (checkWorker.ts). */
export type FromCheckWorker =
  | { type: 'progress'; progress: CheckProgress }
  | { type: 'result'; check: WorkspaceCheck }
  | { type: 'error'; message: string; code: string | null };
