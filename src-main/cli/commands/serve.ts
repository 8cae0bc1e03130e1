import type { Command } from 'commander';
import { resumeInterruptedRuns } from '@core/runner/runManager';
import { finishInterruptedDatasetRemovals } from '@core/datasets/removal/removeDataset';
import { finishInterruptedRemovals } from '@core/runner/runRemoval';
import { startWebHost } from '../../server/webHost';
import { CliError, exitCodes, openCore, rendererDir, type GlobalOptions } from '../runtime';

interface ServeOptions {
  port: string;
  host: string;
  allowRemote?: boolean;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be an integer from 0 to 65535, got "${text}"`, exitCodes.usage);
  }
  return port;
}

/** `yardstick serve`: browser mode on loopback. */
export function registerServe(program: Command) {
  program
    .command('serve')
    .description(
      'serve the app to a browser on 127.0.0.1 (browser mode), guarded by a per-launch token',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '5177')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option(
      '--allow-remote',
      'allow binding a non-loopback address (exposes your workspace to the network)',
    )
    .action(async (options: ServeOptions, command: Command) => {
      await serveWorkspace(command.optsWithGlobals<GlobalOptions>(), {
        host: options.host,
        port: parsePort(options.port),
        allowRemote: options.allowRemote ?? false,
      });
    });
}

/**
 * What `yardstick serve` does once its options are read: opens the workspace, serves it, resumes
 * interrupted runs, prints the address, and stops cleanly on Ctrl+C / SIGTERM. `token` and
 * `heartbeatMs` are for tests only (tests/e2e/support/serveWithToken.ts restarts a server in place
 * with its old token, and shortens the event socket's heartbeat); the command always lets the
 * host make a new token and keeps the default beat.
 */
export async function serveWorkspace(
  globals: GlobalOptions,
  listen: {
    host?: string;
    port: number;
    allowRemote?: boolean;
    token?: string;
    heartbeatMs?: number;
  },
): Promise<void> {
  const core = openCore({ ...globals, seedExamples: true });
  try {
    const host = await startWebHost({
      core,
      staticDir: rendererDir,
      host: listen.host ?? '127.0.0.1',
      port: listen.port,
      allowRemote: listen.allowRemote ?? false,
      ...(listen.token === undefined ? {} : { token: listen.token }),
      ...(listen.heartbeatMs === undefined ? {} : { heartbeatMs: listen.heartbeatMs }),
    });
    process.stderr.write(
      `Yardstick ${core.context.appVersion}: workspace ${core.context.workspaceDir}\n`,
    );
    // Runs a crash or kill left unfinished continue where they stopped.
    const resumed = resumeInterruptedRuns(core.context);
    if (resumed.length) process.stderr.write(`Resuming interrupted runs: ${resumed.join(', ')}\n`);
    const removing = finishInterruptedRemovals(core.context);
    if (removing.length)
      process.stderr.write(`Finishing interrupted run deletions: ${removing.join(', ')}\n`);
    if (finishInterruptedDatasetRemovals(core.context).length)
      process.stderr.write('Finishing interrupted dataset deletions\n');
    process.stderr.write('Open this address in a browser (Ctrl+C stops the server):\n');
    process.stdout.write(`${host.url}\n`);
    const stop = () => {
      void host
        .close()
        .then(() => core.close())
        .then(() => process.exit(exitCodes.ok));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    await core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(`port ${listen.port} is in use; pick another with --port`);
    }
    throw error;
  }
}
