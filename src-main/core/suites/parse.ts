import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { formatPath, type IssuePath, type SuiteIssue } from './issues';
import { SuiteSpec } from './schema';

/**
 * A suite's YAML text, parsed with positions, so any field path (from the schema or from
 * reference checks) can be turned into a file, line and column.
 */
export class SuiteSource {
  readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true });
  }

  /** An issue at `path`, placed at the deepest node of the path that exists in the text. */
  issueAt(path: IssuePath, message: string, unknownKey?: string): SuiteIssue {
    const { node } = this.deepestNode(path);
    let range = node?.range;
    let fullPath = path;
    if (unknownKey !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === unknownKey);
      if (pair && isScalar(pair.key) && pair.key.range) range = pair.key.range;
      fullPath = [...path, unknownKey];
    }
    const pos = range ? this.lines.linePos(range[0]) : { line: 0, col: 0 };
    return {
      file: this.file,
      line: pos.line,
      column: pos.col,
      path: formatPath(fullPath),
      message,
    };
  }

  private deepestNode(path: IssuePath): { node: Node | null } {
    let node = (this.doc.contents as Node | null) ?? null;
    for (const segment of path) {
      let next: unknown = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        next = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (!next || typeof next !== 'object' || !('range' in next)) break;
      node = next as Node;
    }
    return { node };
  }

  /** YAML syntax errors (bad indentation, duplicate keys, …) as located issues. */
  syntaxIssues(): SuiteIssue[] {
    return this.doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? { line: 0, col: 0 };
      return {
        file: this.file,
        line: pos.line,
        column: pos.col,
        path: '',
        message: (error.message.split('\n')[0] ?? error.message).replace(
          / at line \d+, column \d+:?$/,
          '',
        ),
      };
    });
  }
}

export type SuiteParse =
  | { ok: true; suite: SuiteSpec; source: SuiteSource }
  | { ok: false; issues: SuiteIssue[]; source: SuiteSource };

function zodIssues(source: SuiteSource, error: z.ZodError): SuiteIssue[] {
  const out: SuiteIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(source.issueAt(path, `unknown key "${key}"`, key));
    } else if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      const field = path[path.length - 1];
      out.push(source.issueAt(path, `required field "${String(field)}" is missing`));
    } else {
      out.push(source.issueAt(path, issue.message));
    }
  }
  return out;
}

/**
 * Structural validation: YAML syntax, then the schema (strict: unknown keys are errors).
 * Reference checks (does the dataset exist? …) are `validateSuiteReferences`.
 */
export function parseSuite(text: string, file: string): SuiteParse {
  const source = new SuiteSource(text, file);
  const syntax = source.syntaxIssues();
  if (syntax.length) return { ok: false, issues: syntax, source };
  const value: unknown = source.doc.toJS();
  if (value === null || value === undefined)
    return {
      ok: false,
      issues: [{ file, line: 0, column: 0, path: '', message: 'the suite file is empty' }],
      source,
    };
  const parsed = SuiteSpec.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(source, parsed.error), source };
  return { ok: true, suite: parsed.data, source };
}
