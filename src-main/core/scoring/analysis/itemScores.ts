/**
 * Per-item values of one scorer for one model: the unit of analysis is the item, so the cells
 * of an item (several prompts or repeats) are averaged before any interval is computed.
 */
import type { EffectiveScoreRow } from '../repo';
import type { CellRecord, RunData } from './runData';

export interface ItemScore {
  itemKey: string;
  category: string | null;
  tags: string[];
  /** Mean value over the item's scored cells. */
  value: number | null;
  /** Share of the item's cells that passed (null: no pass/fail). */
  passShare: number | null;
  cells: number;
  passes: number;
  judged: number;
}

export interface ModelScores {
  cells: Array<{ cell: CellRecord; score: EffectiveScoreRow | undefined }>;
  items: ItemScore[];
}

export function modelScores(data: RunData, scorerKey: string, modelKey: string): ModelScores {
  const byCell = data.scores.get(scorerKey);
  const cells = data.cells
    .filter((c) => c.row.model_key === modelKey && c.row.has_response === 1)
    .map((cell) => ({ cell, score: byCell?.get(cell.row.cell_id) }));
  const byItem = new Map<
    string,
    { cell: CellRecord; values: number[]; passes: number; judged: number; cells: number }
  >();
  for (const { cell, score } of cells) {
    const entry = byItem.get(cell.row.item_key) ?? {
      cell,
      values: [],
      passes: 0,
      judged: 0,
      cells: 0,
    };
    entry.cells++;
    if (score && score.value !== null) entry.values.push(score.value);
    if (score && score.is_pass !== null) {
      entry.judged++;
      if (score.is_pass === 1) entry.passes++;
    }
    byItem.set(cell.row.item_key, entry);
  }
  const items = [...byItem.entries()].map(([itemKey, e]) => ({
    itemKey,
    category: e.cell.row.category,
    tags: e.cell.tags,
    value: e.values.length ? e.values.reduce((a, b) => a + b, 0) / e.values.length : null,
    passShare: e.judged ? e.passes / e.judged : null,
    cells: e.cells,
    passes: e.passes,
    judged: e.judged,
  }));
  return { cells, items };
}
