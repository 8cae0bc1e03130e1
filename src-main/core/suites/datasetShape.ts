/**
 * What a dataset version holds, read over every item, for scaffolding a suite on it: which
 * template variables have a value in every item (so a prompt using them validates), what the
 * references look like (so the right deterministic scorers can be suggested), and which
 * metadata fields belong in the prompt (a BBQ context, MMLU's options) rather than to scorers
 * (HumanEval's tests) or to nobody (a source URL).
 */
import { ApiError, notFound } from '../apiError';
import type { SuiteDomainRepo } from './repo';

/** What the references of a version are, when every item has one. */
export type ReferenceKind = 'gsm8k' | 'number' | 'letter' | 'short-text' | 'text';

export interface MetadataField {
  name: string;
  /** Has a value other than null in every item. */
  isEverywhere: boolean;
  /** That value is a string or a number in every item. */
  isScalarEverywhere: boolean;
  /** A template can name it (`{{metadata.<name>}}` takes letters, digits, `_` and `-`). */
  isAddressable: boolean;
}

export interface DatasetShape {
  versionId: string;
  datasetName: string;
  version: number;
  itemCount: number;
  /** `mixed` when some items are conversations and some are text. */
  inputFormat: 'text' | 'messages' | 'mixed';
  /** Every item has a reference. */
  hasReference: boolean;
  /** Some but not every item has one (reference-based scorers would fail on the others). */
  hasPartialReference: boolean;
  hasCategory: boolean;
  referenceKind: ReferenceKind | null;
  /** For `letter` references: the option letters, A up to the highest used (at least AB). */
  letters: string | null;
  metadata: MetadataField[];
  /** HumanEval-style items: a test program and an entry point in metadata. */
  hasCodeTests: boolean;
}

const addressable = /^[A-Za-z0-9_-]+$/;
const gsm8kAnswer = /####\s*-?[\d,]*\.?\d+\s*$/;
const plainNumber = /^-?\d[\d,]*(\.\d+)?$/;
const optionLetter = /^[A-Z]$/;

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Classifies every reference of a version (they are all there when this is called). */
function classifyReferences(references: Iterable<{ reference: string }>) {
  let isGsm8k = true;
  let isNumber = true;
  let isLetter = true;
  let highestLetter = 'B';
  const words: number[] = [];
  for (const { reference } of references) {
    const trimmed = reference.trim();
    if (isGsm8k && !gsm8kAnswer.test(trimmed)) isGsm8k = false;
    if (isNumber && !plainNumber.test(trimmed)) isNumber = false;
    if (isLetter && !optionLetter.test(trimmed)) isLetter = false;
    else if (isLetter && trimmed > highestLetter) highestLetter = trimmed;
    words.push(wordCount(trimmed));
  }
  const kind: ReferenceKind = isGsm8k
    ? 'gsm8k'
    : isLetter
      ? 'letter'
      : isNumber
        ? 'number'
        : median(words) <= 4
          ? 'short-text'
          : 'text';
  const letters =
    kind === 'letter'
      ? Array.from({ length: highestLetter.charCodeAt(0) - 64 }, (_, i) =>
          String.fromCharCode(65 + i),
        ).join('')
      : null;
  return { kind, letters };
}

/**
 * Shapes already read, by repository (one per core) and version: a frozen version never
 * changes, and the New-suite dialog asks again after every change of its form — reading
 * every item each time would hold the core's thread on a large version.
 */
const shapesRead = new WeakMap<SuiteDomainRepo, Map<string, DatasetShape>>();

/** Reads the shape of a frozen dataset version; refuses a draft (a suite runs frozen versions). */
export function readDatasetShape(repo: SuiteDomainRepo, versionId: string): DatasetShape {
  let known = shapesRead.get(repo);
  if (!known) {
    known = new Map();
    shapesRead.set(repo, known);
  }
  // Looked up every time: the version may have been deleted since.
  const version = repo.scaffoldVersion(versionId);
  const cached = version?.is_frozen ? known.get(versionId) : undefined;
  if (cached) return cached;
  const shape = readShape(repo, versionId, version);
  known.set(versionId, shape);
  return shape;
}

function readShape(
  repo: SuiteDomainRepo,
  versionId: string,
  version: ReturnType<SuiteDomainRepo['scaffoldVersion']>,
): DatasetShape {
  if (!version) throw notFound('dataset version', versionId);
  if (!version.is_frozen)
    throw new ApiError(
      'bad_request',
      `version ${version.version} of dataset "${version.dataset_name}" is a draft: freeze it first (suites run frozen versions)`,
    );
  const counts = repo.itemFieldCounts(versionId);
  if (counts.items === 0)
    throw new ApiError(
      'bad_request',
      `version ${version.version} of dataset "${version.dataset_name}" has no items`,
    );
  const hasReference = counts.with_reference === counts.items;
  const references = hasReference ? classifyReferences(repo.references(versionId)) : null;
  const metadata = repo.metadataKeys(versionId).map((row) => ({
    name: row.name,
    isEverywhere: row.present === counts.items,
    isScalarEverywhere: row.scalars === counts.items,
    isAddressable: addressable.test(row.name),
  }));
  const usable = (name: string) =>
    metadata.some((m) => m.name === name && m.isScalarEverywhere && m.isAddressable);
  return {
    versionId,
    datasetName: version.dataset_name,
    version: version.version,
    itemCount: counts.items,
    inputFormat:
      counts.messages === 0 ? 'text' : counts.messages === counts.items ? 'messages' : 'mixed',
    hasReference,
    hasPartialReference: !hasReference && counts.with_reference > 0,
    hasCategory: counts.with_category === counts.items,
    referenceKind: references?.kind ?? null,
    letters: references?.letters ?? null,
    metadata,
    hasCodeTests: usable('test') && usable('entry_point'),
  };
}

/** Every template variable that has a value in every item of the version. */
export function variablesOf(shape: DatasetShape): string[] {
  return [
    'input',
    'key',
    ...(shape.hasReference ? ['reference'] : []),
    ...(shape.hasCategory ? ['category'] : []),
    ...shape.metadata
      .filter((m) => m.isEverywhere && m.isAddressable)
      .map((m) => `metadata.${m.name}`),
  ];
}

const contextField = /^(context|passage|document|background|article|story)$/i;
const choiceField = /^([A-J]|(ans|answer|option|choice|output|response|candidate)_?\d+)$/i;

/**
 * The metadata fields a scaffolded prompt shows with the input: a context the question is
 * about, and the options to choose from. Anything else (tests, sources, annotations, answers)
 * stays out: it is for scorers, or would give the answer away.
 */
export function promptFieldsOf(shape: DatasetShape): { context: string[]; choices: string[] } {
  const fit = shape.metadata.filter((m) => m.isScalarEverywhere && m.isAddressable);
  return {
    context: fit.filter((m) => contextField.test(m.name)).map((m) => m.name),
    choices: fit.filter((m) => choiceField.test(m.name)).map((m) => m.name),
  };
}
