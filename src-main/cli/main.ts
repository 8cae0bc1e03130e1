import { Command, CommanderError } from 'commander';
import { commands } from './commands';
import { appVersion, CliError, exitCodes } from './runtime';

/**
 * `yardstick export RUN | head`: once the reader is gone, every further write fails with
 * EPIPE. That is the reader's choice, not a failure: stop without a stack trace, exit 0.
 */
function quitQuietlyOnClosedPipe(stream: NodeJS.WriteStream) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCodes.ok);
    throw error;
  });
}

/**
 * `yardstick`: the headless core for CI and scripts. Global options come before the
 * subcommand (`yardstick --workspace DIR run suite.yaml`) or after it.
 */
export async function main(argv: string[]): Promise<void> {
  quitQuietlyOnClosedPipe(process.stdout);
  quitQuietlyOnClosedPipe(process.stderr);
  const program = new Command('yardstick')
    .description('Evaluate language models on your own data, offline.')
    .version(appVersion)
    .option(
      '--workspace <dir>',
      "workspace folder (default: the desktop app's, or $YARDSTICK_WORKSPACE)",
    )
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`yardstick: ${error.message}\n`);
      process.exitCode = error.code;
      return;
    }
    process.stderr.write(
      `yardstick: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = exitCodes.failure;
  }
}

await main(process.argv);
