import type { ApiErrorShape } from '@contract/index';
import type { Core } from '@core/host';
import { CliError, exitCodes } from './runtime';

/**
 * An id named on the command line that the workspace does not hold: a usage error (exit 2),
 * like a misspelt option, naming the id and the workspace so a CI log shows which was wrong.
 */
export function unknownInWorkspace(core: Core, what: string, id: string, hint?: string): CliError {
  return new CliError(
    `no ${what} ${id} in workspace ${core.context.workspaceDir}${hint ? ` (${hint})` : ''}`,
    exitCodes.usage,
  );
}

/** A run id or an unambiguous prefix of one. */
export function resolveRunId(core: Core, idOrPrefix: string): string {
  if (core.context.repos.runs.get(idOrPrefix)) return idOrPrefix;
  const matches = core.context.repos.runs.idsStartingWith(idOrPrefix);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0)
    throw unknownInWorkspace(core, 'run', idOrPrefix, 'see `yardstick list`');
  throw new CliError(`${idOrPrefix} matches several runs: ${matches.join(', ')}`, exitCodes.usage);
}

/** `resolveRunId` for an optional option (`--baseline RUN`). */
export function resolveOptionalRunId(core: Core, idOrPrefix: string | undefined) {
  return idOrPrefix === undefined ? undefined : resolveRunId(core, idOrPrefix);
}

/**
 * A core error as a CLI error: bad input and ids that do not exist are usage errors (exit 2),
 * anything else a failure (exit 1). Validation issues follow the message, one per line.
 */
export function cliErrorOfApi(error: ApiErrorShape, core: Core): CliError {
  const issues = error.issues?.map((i) => `\n  ${i.path}: ${i.message}`).join('') ?? '';
  if (error.code === 'not_found')
    return new CliError(
      `${error.message} in workspace ${core.context.workspaceDir}${issues}`,
      exitCodes.usage,
    );
  return new CliError(
    `${error.message}${issues}`,
    error.code === 'bad_request' ? exitCodes.usage : exitCodes.failure,
  );
}
