import type { Command } from 'commander';

/** Commands of the agreement domain: agreement, calibrate. */
export function registerAgreementCommands(_program: Command) {}
