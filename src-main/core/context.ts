import type { Db } from './db/connection';
import type { Repos } from './db/repos';
import type { EventBus } from './events';
import type { JobManager } from './jobs/jobManager';
import type { Logger } from './logging/logger';
import type { Redactor } from './logging/redactor';
import type { SecretStore } from './secrets/secretStore';

/** What every handler may use. Built once per workspace by `createCore`. */
export interface CoreContext {
  readonly workspaceDir: string;
  readonly databaseFile: string;
  readonly resourcesDir: string;
  readonly appVersion: string;
  readonly db: Db;
  readonly repos: Repos;
  readonly secrets: SecretStore;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** Long actions with progress and cancel (imports, scans, scoring, exports). */
  readonly jobs: JobManager;
  /**
   * Registers cleanup to run when the core closes (stop workers, cancel runs). Domain services
   * attach themselves to the context this way instead of growing this interface.
   */
  onClose(cleanup: () => void | Promise<void>): void;
}
