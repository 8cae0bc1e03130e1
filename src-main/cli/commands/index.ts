import type { Command } from 'commander';
import { registerAgreementCommands } from './agreement';
import { registerDatasetCommands } from './datasets';
import { registerFailureModeCommands } from './failureModes';
import { registerProviderCommands } from './providers';
import { registerRunCommands } from './runs';
import { registerScoringCommands } from './scoring';
import { registerServe } from './serve';
import { registerWorkspace } from './workspace';
import { registerWorkspaceCare } from './workspaceCare';

/** Every command group. A new command = a function in its domain's file (or a new file + one line here). */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerDatasetCommands,
  registerRunCommands,
  registerProviderCommands,
  registerScoringCommands,
  registerAgreementCommands,
  registerFailureModeCommands,
  registerServe,
  registerWorkspace,
  registerWorkspaceCare,
];
