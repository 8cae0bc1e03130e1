/** Group scorers (consistency): every group is re-scored together, after the cell scorers. */
import type { ResolvedScorer } from '../specs';
import { inputForSpec } from '../inputs';
import type { PeerScores, ScoreInput, ScoreResult } from '../types';
import type { ScorerOutcome, ScoringSession } from './session';

function peerScores(session: ScoringSession): PeerScores {
  const map = new Map<string, Map<string, { value: number | null; isPass: boolean | null }>>();
  for (const row of session.repo.effectiveScores(session.runId)) {
    const byCell =
      map.get(row.scorer_key) ??
      new Map<string, { value: number | null; isPass: boolean | null }>();
    byCell.set(row.cell_id, {
      value: row.value,
      isPass: row.is_pass === null ? null : row.is_pass === 1,
    });
    map.set(row.scorer_key, byCell);
  }
  return map;
}

export function scoreGroups(
  session: ScoringSession,
  scorer: ResolvedScorer,
  cells: readonly ScoreInput[],
  outcome: ScorerOutcome,
): void {
  const definition = scorer.definition;
  if (definition.scope !== 'group') throw new Error(`${definition.id} is not a group scorer`);
  const groups = new Map<string, ScoreInput[]>();
  const alone: ScoreInput[] = [];
  for (const cell of cells) {
    const prepared = inputForSpec(cell, scorer.spec, 'continuous');
    const input = 'input' in prepared ? prepared.input : { ...cell, output: '' };
    const key = definition.groupKey(input, scorer.params);
    if (key === null) alone.push(input);
    else groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  const peers = peerScores(session);
  const written: ScoreInput[] = [];
  const results: ScoreResult[] = [];
  for (const members of groups.values()) {
    const scored = definition.scoreGroup(members, scorer.params, peers);
    written.push(...members);
    results.push(...scored);
  }
  for (const cell of alone) {
    written.push(cell);
    results.push({ value: null, isPass: null, details: { reason: 'the item has no group id' } });
  }
  session.write(scorer, outcome, written, results);
}
