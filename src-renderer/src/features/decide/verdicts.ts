import type { CriterionEvaluation } from '@contract/routes/scoring';

export { verdictLabels } from '@contract/routes/scoring';

export const statusLabels = {
  met_ideal: 'meets ideal',
  met: 'met',
  uncertain: 'uncertain',
  not_met: 'not met',
  no_data: 'no data',
} as const;

/** A criterion bound as people write it: "≥ 0.6", "≤ 2000", "0.2 – 0.8". */
export function formatBound(bound: CriterionEvaluation['acceptable']): string {
  if (!bound) return '—';
  const { min, max } = bound;
  if (min !== undefined && max !== undefined) return `${min} – ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return '—';
}
