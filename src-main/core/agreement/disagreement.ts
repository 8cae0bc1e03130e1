/**
 * Ranking units (items) by how much their raters disagree, to pick what to discuss. A unit's
 * disagreement is the mean difference δ² over all pairs of its ratings divided by the
 * expected disagreement D_e of the whole matrix — Krippendorff's α machinery at one unit: 0
 * when every rater agrees, about 1 when they disagree as much as chance would, above 1 worse.
 */
import {
  coincidenceMatrix,
  differenceMatrix,
  pairableUnits,
  alphaFromCoincidences,
} from './krippendorff';
import type { MeasurementLevel, RatingMatrix } from './types';

export interface UnitDisagreement {
  unitId: string;
  ratings: number;
  disagreement: number;
  values: { raterId: string; value: number }[];
}

export function rankUnitsByDisagreement(
  matrix: RatingMatrix,
  level: MeasurementLevel,
  options: { top?: number } = {},
): UnitDisagreement[] {
  const units = pairableUnits(matrix.values);
  const o = coincidenceMatrix(units);
  const v = units.values.length;
  const marginals = new Float64Array(v);
  for (let c = 0; c < v; c++)
    for (let k = 0; k < v; k++) marginals[c] = (marginals[c] as number) + (o[c * v + k] as number);
  const delta = differenceMatrix(units.values, marginals, level);
  const expected = alphaFromCoincidences(o, units.values, level).expected;
  const ranked: UnitDisagreement[] = [];
  for (let u = 0; u < units.size.length; u++) {
    const from = units.start[u] as number;
    const to = units.start[u + 1] as number;
    let total = 0;
    for (let a = from; a < to; a++) {
      for (let b = from; b < to; b++) {
        if (a === b) continue;
        const pairs = (units.count[a] as number) * (units.count[b] as number);
        total +=
          pairs *
          (delta[(units.valueIndex[a] as number) * v + (units.valueIndex[b] as number)] as number);
      }
    }
    const m = units.size[u] as number;
    const row = units.rowIndex[u] as number;
    const ratings = matrix.values[row] ?? [];
    ranked.push({
      unitId: matrix.unitIds[row] as string,
      ratings: m,
      disagreement: expected > 0 ? total / (m * (m - 1)) / expected : 0,
      values: ratings.flatMap((value, r) =>
        value === null ? [] : [{ raterId: matrix.raterIds[r] as string, value }],
      ),
    });
  }
  ranked.sort((a, b) => b.disagreement - a.disagreement || b.ratings - a.ratings);
  return options.top === undefined ? ranked : ranked.slice(0, options.top);
}
