import { checkedOutputPath } from '@core/reports/destination';
import { CliError, exitCodes } from './runtime';

/** Prints either JSON (machine use) or the human rendering of the same value. */
export function printResult<T>(value: T, asJson: boolean, human: (value: T) => string) {
  process.stdout.write(asJson ? `${JSON.stringify(value)}\n` : `${human(value)}\n`);
}

/**
 * Refuses an output file in a missing folder, or one that is a folder, before any work is
 * done (instead of a stack trace from the write at the end). Existing files are replaced.
 */
export function writableOutput(flag: string, path: string): string {
  try {
    return checkedOutputPath(path, true);
  } catch (error) {
    throw new CliError(`${flag}: ${(error as Error).message}`, exitCodes.usage);
  }
}
