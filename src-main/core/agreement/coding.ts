/**
 * Turning labels (strings as they come from files and sessions) into the numbers the
 * statistics work on, and back. Nominal labels get arbitrary distinct codes; ordinal labels
 * get their rank on the scale (so weights and the ordinal metric depend only on order);
 * interval and ratio labels must be numbers and keep their value.
 */
import type { MeasurementLevel, RatingMatrix } from './types';

export interface LabelCoding {
  level: MeasurementLevel;
  /** Labels in scale order (nominal: numeric labels numerically, then text alphabetically). */
  labels: string[];
  /** `values[i]` is the number that stands for `labels[i]`. */
  values: number[];
}

export class CodingError extends Error {
  override name = 'CodingError';
}

const numericPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isNumericLabel(label: string): boolean {
  return numericPattern.test(label.trim());
}

/** Numeric labels in numeric order first, then the others in code-point order. */
export function naturalLabelOrder(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.filter(isNumericLabel).sort((a, b) => Number(a) - Number(b));
  const text = distinct.filter((l) => !isNumericLabel(l)).sort();
  return [...numeric, ...text];
}

/**
 * Codes the labels that occur (plus any in `scale`, so unused scale points still count as
 * categories). Ordinal text labels need `scale` to say their order; interval and ratio labels
 * must all be numbers.
 */
export function codeLabels(
  observed: Iterable<string>,
  level: MeasurementLevel,
  scale?: readonly string[],
): LabelCoding {
  const seen = new Set(observed);
  if (scale && scale.length > 0) {
    const unknown = [...seen].filter((label) => !scale.includes(label));
    if (unknown.length > 0) {
      throw new CodingError(
        `labels not on the scale (${scale.join(', ')}): ${unknown.slice(0, 5).join(', ')}`,
      );
    }
  }
  const labels = scale && scale.length > 0 ? [...new Set(scale)] : naturalLabelOrder(seen);
  if (level === 'interval' || level === 'ratio') {
    const bad = labels.filter((label) => !isNumericLabel(label));
    if (bad.length > 0) {
      throw new CodingError(
        `${level} data needs numeric labels; not numbers: ${bad.slice(0, 5).join(', ')}`,
      );
    }
    const values = labels.map(Number);
    if (level === 'ratio' && values.some((v) => v < 0)) {
      throw new CodingError('ratio data cannot have negative values');
    }
    return { level, labels, values };
  }
  if (level === 'ordinal' && !(scale && scale.length > 0)) {
    const bad = labels.filter((label) => !isNumericLabel(label));
    if (bad.length > 0) {
      throw new CodingError(
        `ordinal text labels need an explicit scale order (e.g. --scale bad,ok,good); unordered: ${bad.slice(0, 5).join(', ')}`,
      );
    }
  }
  return { level, labels, values: labels.map((_, index) => index) };
}

export function labelOf(coding: LabelCoding, value: number): string {
  const index = coding.values.indexOf(value);
  return index >= 0 ? (coding.labels[index] as string) : String(value);
}

export function valueOf(coding: LabelCoding, label: string): number {
  const index = coding.labels.indexOf(label);
  if (index < 0) throw new CodingError(`label "${label}" is not coded`);
  return coding.values[index] as number;
}

/** Long-form labels (unit, rater, label) → a coded units × raters matrix. Later duplicates win. */
export function buildRatingMatrix(
  records: Iterable<{ unitId: string; raterId: string; label: string; order?: number | null }>,
  coding: LabelCoding,
): RatingMatrix {
  const unitIndex = new Map<string, number>();
  const raterIndex = new Map<string, number>();
  const rows: { unit: number; rater: number; value: number; order: number | null }[] = [];
  for (const record of records) {
    let unit = unitIndex.get(record.unitId);
    if (unit === undefined) unitIndex.set(record.unitId, (unit = unitIndex.size));
    let rater = raterIndex.get(record.raterId);
    if (rater === undefined) raterIndex.set(record.raterId, (rater = raterIndex.size));
    rows.push({ unit, rater, value: valueOf(coding, record.label), order: record.order ?? null });
  }
  const values = Array.from({ length: unitIndex.size }, () =>
    new Array<number | null>(raterIndex.size).fill(null),
  );
  const order = Array.from({ length: unitIndex.size }, () =>
    new Array<number | null>(raterIndex.size).fill(null),
  );
  let hasOrder = false;
  for (const row of rows) {
    (values[row.unit] as (number | null)[])[row.rater] = row.value;
    (order[row.unit] as (number | null)[])[row.rater] = row.order;
    if (row.order !== null) hasOrder = true;
  }
  return {
    unitIds: [...unitIndex.keys()],
    raterIds: [...raterIndex.keys()],
    values,
    ...(hasOrder ? { order } : {}),
  };
}
