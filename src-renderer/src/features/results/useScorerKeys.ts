import { useEffect } from 'react';
import type { RunScoreSummary } from '@contract/routes/scoring';
import { valueOf, type Loadable } from '../../stores/load';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** The run's scorer keys, with `[` / `]` selecting the previous / next one. */
export function useScorerKeys(
  summary: Loadable<RunScoreSummary>,
  current: string | null,
  select: (key: string) => void,
): string[] {
  const keys = valueOf(summary)?.scorers.map((s) => s.key) ?? [];
  const joined = keys.join('\n');
  useEffect(() => {
    const list = joined ? joined.split('\n') : [];
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key !== '[' && event.key !== ']') return;
      if (list.length < 2) return;
      const at = Math.max(0, list.indexOf(current ?? ''));
      const next = (at + (event.key === ']' ? 1 : list.length - 1)) % list.length;
      event.preventDefault();
      select(list[next] as string);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [joined, current, select]);
  return keys;
}
