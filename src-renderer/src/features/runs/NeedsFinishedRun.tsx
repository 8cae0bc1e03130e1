import { useEffect, type ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { hrefOf } from '../../stores/ui';
import { useRuns } from '../../stores/runs';

/**
 * The empty state of the views that work on finished runs (compare, label, calibrate,
 * decide): says how many runs are finished and what to do next.
 */
export function NeedsFinishedRun({ title, children }: { title: string; children: ReactNode }) {
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  // Reloaded on every visit (a run may have finished since); a list already shown stays
  // while it reloads (stores/runs.ts), so the parent page does not go back to "Loading…".
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const finished =
    list.status === 'ready' ? list.value.filter((r) => r.status === 'completed').length : null;
  return (
    <EmptyState title={title} level={1}>
      <p>{children}</p>
      {finished !== null && (
        <p className="muted" data-testid="finished-runs">
          {finished === 0 ? (
            <>
              No finished runs in this workspace yet — see <a href={hrefOf('runs')}>Runs</a>.
            </>
          ) : (
            <>{finished} finished run(s) in this workspace.</>
          )}
        </p>
      )}
    </EmptyState>
  );
}
