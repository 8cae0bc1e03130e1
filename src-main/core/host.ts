import { Db } from './db/connection';
import { migrate } from './db/migrate';
import { createRepos } from './db/repos';
import { createDispatch, type Dispatch } from './dispatch';
import { EventBus } from './events';
import type { CoreContext } from './context';
import { handlers } from './handlers';
import { JobManager } from './jobs/jobManager';
import { attachScoring } from './scoring';
import { createLogger, type Logger } from './logging/logger';
import { Redactor } from './logging/redactor';
import { FileSealedSecrets } from './secrets/fileSealedSecrets';
import { SecretStore, type SealedSecrets } from './secrets/secretStore';
import { seedExampleWorkspace } from './workspace/examples';
import { ensureWorkspaceFolder } from './workspace/folder';
import { defaultSecretKeyFile, workspaceFiles } from './workspace/paths';

export interface CoreOptions {
  workspaceDir: string;
  /** Folder holding `examples/` (the repo's or the packaged app's `resources`). */
  resourcesDir: string;
  appVersion: string;
  /**
   * Where sealed secrets live. Default: an AES-GCM file in the workspace whose key is
   * outside it. The desktop app passes the OS keychain instead.
   */
  sealedSecrets?: (ctx: { db: Db; workspaceDir: string }) => SealedSecrets;
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  redactor?: Redactor;
  nativeBinding?: string;
  /** Load the example workspace when the database is new (the desktop and browser apps do). */
  seedExamples?: boolean;
  validateOutputs?: boolean;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly context: CoreContext;
  /** Stops background work (jobs, runs, worker pools), then closes the database. */
  close(): Promise<void>;
}

/** Opens (creating and migrating if needed) a workspace and returns its API. */
export function createCore(options: CoreOptions): Core {
  ensureWorkspaceFolder(options.workspaceDir);
  const files = workspaceFiles(options.workspaceDir);
  const redactor = options.redactor ?? new Redactor();
  const logger = options.logger ?? createLogger({ redactor, file: files.log });
  const db = new Db(
    files.database,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    migrate(db);
    const repos = createRepos(db);
    const removedDrafts = repos.datasets.deleteDrafts();
    if (removedDrafts > 0)
      logger.warn('removed unfinished dataset versions', { count: removedDrafts });
    const env = options.env ?? process.env;
    const sealed =
      options.sealedSecrets?.({ db, workspaceDir: options.workspaceDir }) ??
      new FileSealedSecrets(files.sealedSecrets, defaultSecretKeyFile(env));
    const events = new EventBus();
    const cleanups: Array<() => void | Promise<void>> = [];
    const context: CoreContext = {
      workspaceDir: options.workspaceDir,
      databaseFile: files.database,
      resourcesDir: options.resourcesDir,
      appVersion: options.appVersion,
      db,
      repos,
      secrets: new SecretStore(sealed, redactor, env),
      events,
      logger,
      redactor,
      jobs: new JobManager(events),
      onClose: (cleanup) => cleanups.push(cleanup),
    };
    // Finished runs are scored in the background.
    attachScoring(context);
    if (options.seedExamples && repos.settings.get('examples.seeded') === undefined) {
      // A missing or broken example must not keep the app from opening.
      try {
        seedExampleWorkspace(context);
      } catch (error) {
        logger.error('could not load the example workspace', { error: String(error) });
      }
    }
    return {
      dispatch: createDispatch(handlers, context, {
        validateOutputs: options.validateOutputs ?? false,
      }),
      events: context.events,
      context,
      close: async () => {
        context.jobs.cancelAll();
        for (const cleanup of cleanups.reverse()) {
          try {
            await cleanup();
          } catch (error) {
            logger.error('cleanup failed while closing', { error: String(error) });
          }
        }
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
