import type { Db } from '../connection';
import { DatasetsRepo } from './datasets';
import { CellsRepo } from './cells';
import { PromptTemplatesRepo } from './promptTemplates';
import { ResponseCacheRepo } from './responseCache';
import { ResponsesRepo } from './responses';
import { RunInputsRepo } from './runInputs';
import { RunsRepo } from './runs';
import { SecretsRepo } from './secrets';
import { SettingsRepo } from './settings';
import { SuiteDraftsRepo } from './suiteDrafts';
import { SuitesRepo } from './suites';
import { WorkspaceRepo } from './workspace';

/** Every repository over one connection. Repositories hold the only SQL in the core. */
export function createRepos(db: Db) {
  return {
    datasets: new DatasetsRepo(db),
    cells: new CellsRepo(db),
    promptTemplates: new PromptTemplatesRepo(db),
    responseCache: new ResponseCacheRepo(db),
    responses: new ResponsesRepo(db),
    runInputs: new RunInputsRepo(db),
    runs: new RunsRepo(db),
    secrets: new SecretsRepo(db),
    settings: new SettingsRepo(db),
    suites: new SuitesRepo(db),
    suiteDrafts: new SuiteDraftsRepo(db),
    workspace: new WorkspaceRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
