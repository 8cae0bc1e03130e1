/**
 * Labels made elsewhere — human annotations and judge verdicts exported from Label Studio,
 * Argilla, spreadsheets or published annotated sets — as one flat list the agreement and
 * calibration statistics can use.
 */

export type ExternalFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'label-studio' | 'argilla';
export const externalFormats: readonly ExternalFormat[] = [
  'csv',
  'tsv',
  'json',
  'jsonl',
  'label-studio',
  'argilla',
];

/** Long: one row per (item, rater, label). Wide: one row per item, one column per rater. */
export type LabelShape = 'long' | 'wide';

export type SourceKind = 'human' | 'judge';

/** A place in an input file that could not be used, said so a person can find and fix it. */
export interface ImportProblem {
  file: string;
  /** 1-based line where the row or record starts; null when the file as a whole is at fault. */
  line: number | null;
  /** Column or JSON field at fault, when there is one. */
  field: string | null;
  message: string;
  /** 'error': the row was skipped; 'warning': it was used, but look at it. */
  severity: 'error' | 'warning';
}

export interface ExternalLabel {
  itemId: string;
  /** The rater (annotator, user) or judge (model, agent) that gave the label. */
  source: string;
  /** When the file says whether the source is a person or a judge. */
  kind: SourceKind | null;
  label: string;
  /** Human note or judge reasoning. */
  note: string | null;
  /** When or in which position the label was given (for drift), if the file says. */
  order: number | null;
  /** Pairwise only: true when the two outputs were shown in swapped order. */
  isSwapped: boolean | null;
  line: number;
}

export interface ExternalLabelSet {
  file: string;
  format: ExternalFormat;
  shape: LabelShape | 'label-studio' | 'argilla';
  labels: ExternalLabel[];
  /** The item's other fields (texts, model names, …) from the first row that named it. */
  items: Map<string, Record<string, unknown>>;
  sources: string[];
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Default: from the file extension, and for JSON from the shape of the records. */
  format?: ExternalFormat;
  /** Default: long when item, rater and label columns are found, else wide. */
  shape?: LabelShape;
  /** Column holding the item id. */
  itemColumn?: string;
  /** Build the item id as a content hash of these columns (for sets without ids). */
  itemFrom?: string[];
  raterColumn?: string;
  labelColumn?: string;
  noteColumn?: string;
  orderColumn?: string;
  swappedColumn?: string;
  kindColumn?: string;
  /** Wide form: the columns that hold labels, one per rater or judge. */
  raters?: string[];
  /** Rewrites labels before use, e.g. { Tie: '0' }. */
  labelMap?: Record<string, string>;
  /** Labels that mean "no label" (default: empty, NA, N/A, null, None, nan). */
  missing?: string[];
  /** Label Studio control (from_name) or Argilla question to read. */
  question?: string;
  /**
   * The kind of source for labels whose file does not say (no kind column). Label Studio and
   * Argilla exports always say: annotations/responses are people, predictions/suggestions judges.
   */
  kind?: SourceKind;
}

export class LabelImportError extends Error {
  override name = 'LabelImportError';
  constructor(
    message: string,
    readonly problems: ImportProblem[],
  ) {
    super(message);
  }
}

/** `file:line: field: message`, the form editors and terminals link to. */
export function formatProblem(problem: ImportProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field === null ? '' : ` ${problem.field}:`;
  return `${where}:${field} ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}
