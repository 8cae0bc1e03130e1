import type { Command } from 'commander';
import { registerServe } from './serve';
import { registerWorkspace } from './workspace';

/** Every subcommand. Adding one = one file in this folder + one line here. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerServe,
  registerWorkspace,
];
