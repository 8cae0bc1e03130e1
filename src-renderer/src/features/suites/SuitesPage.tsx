import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFocusWhenLost } from '../../components/useFocusWhenLost';
import { formatDate, shortHash } from '../../format';
import { useSuites } from '../../stores/suites';
import { hrefOf, navigate, useUi } from '../../stores/ui';
import { DeleteSuiteDialog } from './DeleteSuiteDialog';
import { useSuiteDrafts } from './draftStore';
import { NewSuiteDialog } from './NewSuiteDialog';
import { SuiteEditor } from './SuiteEditor';
import './suites.css';

/**
 * `#/suites/new` (optionally `#/suites/new/<suite id>`) opens the New suite dialog;
 * `#/suites/new/from-dataset/<dataset id>` opens it on that dataset (the import wizard's
 * "New suite from this dataset").
 */
const newRoute = 'new';
const fromDatasetRoute = 'from-dataset';

function NewSuiteButton({ from }: { from: string | undefined }) {
  return (
    <button
      type="button"
      onClick={() => navigate('suites', newRoute, ...(from ? [from] : []))}
      title="Create a suite from a dataset, a YAML file, or a copy"
    >
      New suite…
    </button>
  );
}

export function SuitesPage() {
  const list = useSuites((s) => s.list);
  const current = useSuites((s) => s.current);
  const loadList = useSuites((s) => s.loadList);
  const open = useSuites((s) => s.open);
  const drafts = useSuiteDrafts((s) => s.byId);
  const params = useUi((s) => s.route.params);
  const isNew = params[0] === newRoute;
  // The dialog opened without a suite (from the palette, say) keeps the one on screen behind it.
  const [lastShownId, setLastShownId] = useState<string | undefined>(undefined);
  const fromDatasetId = isNew && params[1] === fromDatasetRoute ? params[2] : undefined;
  const selectedId = isNew
    ? ((params[1] === fromDatasetRoute ? undefined : params[1]) ?? lastShownId)
    : params[0];
  const [deletingId, setDeletingId] = useState<string | null>(null);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const suites = list.status === 'ready' ? list.value : [];
  const selected = suites.find((s) => s.id === selectedId) ?? suites[0];
  // By id: a list refreshed after a change elsewhere does not reload the suite on screen.
  const shownId = selected?.id;
  useEffect(() => {
    if (shownId) void open(shownId);
  }, [shownId, open]);
  // A suite just created or deleted: the button pressed went away with the reloaded list, so
  // the suite now shown takes the focus and the keyboard carries on from here, not the top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(headingRef, shownId);
  if (!isNew && shownId !== lastShownId) setLastShownId(shownId);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="suites" />;
  const closeNew = () => navigate('suites', ...(selected ? [selected.id] : []));
  const dialog = isNew && (
    <NewSuiteDialog
      suites={suites}
      duplicateOf={selected?.id ?? null}
      datasetId={fromDatasetId ?? null}
      onClose={closeNew}
    />
  );
  if (!selected) {
    return (
      <>
        <EmptyState title="No suites yet">
          A suite names a dataset, prompts, models, scorers and decision criteria.{' '}
          <a href={hrefOf('suites', newRoute)}>Create one</a> from a dataset you imported, or from a
          YAML file.
        </EmptyState>
        {dialog}
      </>
    );
  }
  return (
    <div className="page split su-page">
      <aside className="list-pane" aria-label="Suites">
        <div className="su-list-header">
          <h2>Suites</h2>
          <NewSuiteButton from={selected.id} />
        </div>
        <ul className="select-list">
          {suites.map((suite) => (
            <li key={suite.id}>
              <a
                href={hrefOf('suites', suite.id)}
                aria-current={suite.id === selected.id ? 'true' : undefined}
              >
                <span>
                  {suite.name}
                  {(drafts[suite.id] !== undefined || suite.hasDraft) && (
                    <span title="Unsaved changes" role="img" aria-label="unsaved changes">
                      {' '}
                      •
                    </span>
                  )}
                </span>
                <span className="muted">{formatDate(suite.createdAt)}</span>
              </a>
            </li>
          ))}
        </ul>
      </aside>
      <section className="detail-pane su-detail">
        <header className="page-header su-header-row">
          <div>
            <h1 ref={headingRef} tabIndex={-1}>
              {selected.name}
            </h1>
            <p className="meta">
              hash <code title={selected.contentHash}>{shortHash(selected.contentHash)}</code>
              {selected.sourcePath && <> · from {selected.sourcePath}</>} · Ctrl+S saves
            </p>
          </div>
          <div className="su-header-actions">
            <button type="button" onClick={() => setDeletingId(selected.id)}>
              Delete suite…
            </button>
          </div>
        </header>
        {current.status === 'ready' && current.value.id === selected.id ? (
          <SuiteEditor key={selected.id} suite={current.value} />
        ) : current.status === 'error' ? (
          <ErrorNotice message={current.message} onRetry={() => open(selected.id)} />
        ) : (
          <Loading what="the suite" />
        )}
      </section>
      {dialog}
      {deletingId === selected.id && (
        <DeleteSuiteDialog suite={selected} onClose={() => setDeletingId(null)} />
      )}
    </div>
  );
}
