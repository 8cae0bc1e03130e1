import { exitCodes } from '../runtime';

/**
 * Exit codes of `run`, `resume` and `merge` (documented in docs/cli.md). The shared ones come from the
 * CLI runtime; the rest say how a run ended, so CI can tell a bad suite from a flaky provider.
 */
export const runExitCodes = {
  ...exitCodes,
  /** The suite file is invalid: each problem is printed with file, line, column and field. */
  suiteInvalid: 4,
  /** The run completed but some cells ended in an error (stored; `resume --retry-errors`). */
  cellErrors: 5,
  /** Refused before any request: personal data to a cloud provider, a missing key, a locked run. */
  refused: 6,
  /** `merge`: the shard runs do not belong together, one is missing or twice, or not completed. */
  shardsMismatch: 7,
  /** Interrupted (Ctrl-C or SIGTERM): stored results are kept, `resume` continues. */
  interrupted: 130,
} as const;
