/** A problem in a suite file, located by file, line, column and field path. */
export interface SuiteIssue {
  file: string;
  /** 1-based; 0 when the problem has no place in the text (e.g. an empty file). */
  line: number;
  column: number;
  /** Field path such as `models[0].params.temperature` (empty for the whole file). */
  path: string;
  message: string;
}

export type IssuePath = ReadonlyArray<string | number>;

/** `models[0].params.temperature` from `['models', 0, 'params', 'temperature']`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

/** `suite.yaml:12:5: models[0].temperature: Unrecognized key` — the shape editors link. */
export function formatIssue(issue: SuiteIssue): string {
  const place = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return issue.path ? `${place}: ${issue.path}: ${issue.message}` : `${place}: ${issue.message}`;
}

/** A suite that cannot be run, with every problem found. */
export class SuiteInvalidError extends Error {
  override name = 'SuiteInvalidError';
  constructor(readonly issues: readonly SuiteIssue[]) {
    super(
      `the suite is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
    );
  }
}
