/**
 * Imported labels → the coded units × raters matrix the agreement statistics take.
 */
import { buildRatingMatrix, codeLabels, type LabelCoding } from '../agreement/coding';
import type { MeasurementLevel, RatingMatrix } from '../agreement/types';
import type { ExternalLabel, SourceKind } from './types';

export interface MatrixOptions {
  level: MeasurementLevel;
  /** The scale in order (ordinal text labels need it; it also adds unused scale points). */
  scale?: readonly string[];
  /** Only these sources (raters or judges). */
  sources?: readonly string[];
  /** Only sources of this kind (labels whose kind is unknown are kept). */
  kind?: SourceKind;
  /** Keep labels given with the pair shown swapped (default: only the original order). */
  includeSwapped?: boolean;
}

export function selectLabels(
  labels: readonly ExternalLabel[],
  options: Omit<MatrixOptions, 'level' | 'scale'>,
): ExternalLabel[] {
  return labels.filter(
    (l) =>
      (options.sources === undefined || options.sources.includes(l.source)) &&
      (options.kind === undefined || l.kind === null || l.kind === options.kind) &&
      (options.includeSwapped === true || l.isSwapped !== true),
  );
}

export function labelsToMatrix(
  labels: readonly ExternalLabel[],
  options: MatrixOptions,
): { matrix: RatingMatrix; coding: LabelCoding } {
  const chosen = selectLabels(labels, options);
  const coding = codeLabels(
    chosen.map((l) => l.label),
    options.level,
    options.scale,
  );
  const matrix = buildRatingMatrix(
    chosen.map((l) => ({ unitId: l.itemId, raterId: l.source, label: l.label, order: l.order })),
    coding,
  );
  return { matrix, coding };
}
