import { api } from '../../api/client';
import { formatCount } from '../../format';
import { useSuites } from '../../stores/suites';
import { navigate } from '../../stores/ui';

/**
 * Stores a new suite text (`suites.save`: refused when its structure is invalid), reloads the
 * list and opens the suite in the editor. The same text as a stored suite opens that one.
 */
export async function saveNewSuite(yaml: string, sourcePath?: string): Promise<void> {
  if (!api) return;
  const saved = await api.call('suites.save', { yaml, ...(sourcePath ? { sourcePath } : {}) });
  await useSuites.getState().loadList();
  navigate('suites', saved.id);
}

/** "1,319 items × 1 prompt × 2 models = 2,638 cells" from `suites.validate`'s plan. */
export function planText(plan: {
  itemCount: number;
  promptCount: number;
  modelCount: number;
  repeats: number;
  cellCount: number;
}): string {
  const n = (value: number, noun: string) =>
    `${formatCount(value)} ${noun}${value === 1 ? '' : 's'}`;
  return [
    n(plan.itemCount, 'item'),
    n(plan.promptCount, 'prompt'),
    n(plan.modelCount, 'model'),
    ...(plan.repeats > 1 ? [n(plan.repeats, 'repeat')] : []),
  ]
    .join(' × ')
    .concat(` = ${n(plan.cellCount, 'cell')}`);
}
