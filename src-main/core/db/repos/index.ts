import type { Db } from '../connection';
import { DatasetsRepo } from './datasets';
import { RunsRepo } from './runs';
import { SecretsRepo } from './secrets';
import { SettingsRepo } from './settings';
import { SuitesRepo } from './suites';
import { WorkspaceRepo } from './workspace';

/** Every repository over one connection. Repositories hold the only SQL in the core. */
export function createRepos(db: Db) {
  return {
    datasets: new DatasetsRepo(db),
    runs: new RunsRepo(db),
    secrets: new SecretsRepo(db),
    settings: new SettingsRepo(db),
    suites: new SuitesRepo(db),
    workspace: new WorkspaceRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
