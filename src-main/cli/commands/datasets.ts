import type { Command } from 'commander';

/** Commands of the datasets domain: import, datasets, export-dataset, contamination, pii-scan. */
export function registerDatasetCommands(_program: Command) {}
