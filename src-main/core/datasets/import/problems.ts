/** One located problem in an input file: which file, which line, which column or field. */
export interface ImportProblem {
  file: string;
  /** 1-based line (for Parquet: 1-based row); null when the problem concerns the whole file. */
  line: number | null;
  /** The column or field it concerns (header name, JSON key, or `byte N`), or null. */
  column: string | null;
  message: string;
}

/** Keeps the first `max` problems and counts all of them. */
export class ProblemLog {
  readonly list: ImportProblem[] = [];
  count = 0;
  constructor(readonly max = 1000) {}

  add(problem: ImportProblem): void {
    this.count++;
    if (this.list.length < this.max) this.list.push(problem);
  }
}

/** `file:line:column: message`, the form compilers use, so editors can jump to it. */
export function formatProblem(problem: ImportProblem): string {
  const where = [problem.file, problem.line ?? undefined, problem.column ?? undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${problem.message}`;
}

/** A problem that makes the whole file unreadable (not a single record). */
export class FileProblemError extends Error {
  override name = 'FileProblemError';
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}
