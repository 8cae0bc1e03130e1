import type { Command } from 'commander';

/** Commands of the runs domain: run, resume, list, show, export. */
export function registerRunCommands(_program: Command) {}
