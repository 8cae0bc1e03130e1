import type { Command } from 'commander';

/** Commands of the scoring domain: score, compare, gate, report. */
export function registerScoringCommands(_program: Command) {}
