import type { Command } from 'commander';

/** Commands of the providers domain: providers (list, detect, test). */
export function registerProviderCommands(_program: Command) {}
