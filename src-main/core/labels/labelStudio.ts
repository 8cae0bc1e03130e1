/**
 * Label Studio's JSON export (the raw task format): an array of tasks, each with `data` (the
 * item's fields), `annotations` (people: `completed_by` is a user id or an object with id and
 * email; `result` holds one region per control) and `predictions` (models: `model_version`).
 * Per annotation the label comes from one control (`from_name`): choices (joined with "|"
 * when several are ticked), rating, number, pairwise (left/right) or labels; a textarea on
 * the same task becomes the note. Cancelled annotations are skipped.
 */
import { scalarText, type LabelCollector } from './collector';
import type { SourceRecord } from './records';
import { LabelImportError, type ImportOptions, type SourceKind } from './types';

const labelTypes = new Set(['choices', 'rating', 'number', 'pairwise', 'labels', 'taxonomy']);

interface Region {
  from_name?: unknown;
  type?: unknown;
  value?: Record<string, unknown>;
}

function regionsOf(entry: Record<string, unknown>): Region[] {
  const result = entry.result;
  return Array.isArray(result)
    ? (result.filter((r) => typeof r === 'object' && r !== null) as Region[])
    : [];
}

function regionLabel(region: Region): unknown {
  const value = region.value ?? {};
  switch (region.type) {
    case 'choices':
    case 'labels':
    case 'taxonomy': {
      const list = value[region.type as string];
      return Array.isArray(list)
        ? list.map((v) => (Array.isArray(v) ? v.join('/') : String(v))).join('|')
        : list;
    }
    case 'rating':
      return value.rating;
    case 'number':
      return value.number;
    case 'pairwise':
      return value.selected;
    default:
      return undefined;
  }
}

function regionNote(regions: Region[]): string | null {
  const texts = regions
    .filter((r) => r.type === 'textarea')
    .flatMap((r) => (Array.isArray(r.value?.text) ? (r.value.text as unknown[]).map(String) : []));
  return texts.length > 0 ? texts.join('\n') : null;
}

function annotatorOf(entry: Record<string, unknown>, kind: SourceKind): string {
  if (kind === 'judge') return String((entry.model_version as string | undefined) ?? 'prediction');
  const by = entry.completed_by;
  if (typeof by === 'object' && by !== null) {
    const user = by as Record<string, unknown>;
    return String(
      (user.email as string | undefined) ?? (user.id as string | number | undefined) ?? 'unknown',
    );
  }
  return by === undefined || by === null ? 'unknown' : scalarText(by);
}

/** Picks the control to read: the one named, else the only label-like control present. */
function chooseControl(
  records: SourceRecord[],
  options: ImportOptions,
  collector: LabelCollector,
): string {
  const controls = new Set<string>();
  for (const record of records) {
    for (const key of ['annotations', 'completions', 'predictions']) {
      const list = record.fields[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list as Record<string, unknown>[]) {
        for (const region of regionsOf(entry)) {
          if (labelTypes.has(String(region.type))) controls.add(String(region.from_name));
        }
      }
    }
  }
  if (options.question !== undefined) {
    if (!controls.has(options.question)) {
      collector.problem(
        null,
        'from_name',
        `no control "${options.question}" in the annotations; found ${[...controls].join(', ') || 'none'}`,
      );
      throw new LabelImportError(
        `${collector.file}: no control "${options.question}"`,
        collector.problems,
      );
    }
    return options.question;
  }
  if (controls.size === 1) return [...controls][0] as string;
  const message =
    controls.size === 0
      ? 'no choices, rating, number or pairwise results in any annotation'
      : `several label controls (${[...controls].join(', ')}); pick one with --question`;
  collector.problem(null, 'from_name', message);
  throw new LabelImportError(`${collector.file}: ${message}`, collector.problems);
}

export function labelsFromLabelStudio(
  records: SourceRecord[],
  options: ImportOptions,
  collector: LabelCollector,
) {
  const control = chooseControl(records, options, collector);
  for (const record of records) {
    const task = record.fields;
    const data = (typeof task.data === 'object' && task.data !== null ? task.data : {}) as Record<
      string,
      unknown
    >;
    const rawId = options.itemColumn !== undefined ? data[options.itemColumn] : task.id;
    if (rawId === undefined || rawId === null) {
      collector.problem(record.line, options.itemColumn ?? 'id', 'task has no id; skipped');
      continue;
    }
    const itemId = scalarText(rawId);
    collector.rememberItem(itemId, data);
    const groups: [string, SourceKind][] = [
      ['annotations', 'human'],
      ['completions', 'human'],
      ['predictions', 'judge'],
    ];
    for (const [key, kind] of groups) {
      const list = task[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list as Record<string, unknown>[]) {
        if (entry.was_cancelled === true) continue;
        const regions = regionsOf(entry);
        const region = regions.find((r) => r.from_name === control);
        if (!region) continue;
        const value = collector.labelValue(regionLabel(region));
        if ('error' in value) {
          collector.problem(record.line, `${key}.result.${control}`, `${value.error}; skipped`);
          continue;
        }
        if ('missing' in value) continue;
        const created = entry.created_at ?? entry.updated_at;
        collector.add(
          {
            itemId,
            source: annotatorOf(entry, kind),
            kind,
            label: value.label,
            note: regionNote(regions),
            order:
              created === undefined
                ? null
                : collector.orderValue(created, record.line, `${key}.created_at`),
            isSwapped: null,
            line: record.line,
          },
          `${key}.result.${control}`,
        );
      }
    }
  }
}

/** A JSON array whose records carry Label Studio's `annotations`/`predictions` lists. */
export function looksLikeLabelStudio(records: SourceRecord[]): boolean {
  return records
    .slice(0, 20)
    .some(
      (r) =>
        typeof r.fields.data === 'object' &&
        (Array.isArray(r.fields.annotations) ||
          Array.isArray(r.fields.predictions) ||
          Array.isArray(r.fields.completions)),
    );
}
