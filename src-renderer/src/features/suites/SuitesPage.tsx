import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate, shortHash } from '../../format';
import { useSuites } from '../../stores/suites';
import { hrefOf, useUi } from '../../stores/ui';
import { useSuiteDrafts } from './draftStore';
import { SuiteEditor } from './SuiteEditor';
import './suites.css';

export function SuitesPage() {
  const list = useSuites((s) => s.list);
  const current = useSuites((s) => s.current);
  const loadList = useSuites((s) => s.loadList);
  const open = useSuites((s) => s.open);
  const drafts = useSuiteDrafts((s) => s.byId);
  const selectedId = useUi((s) => s.route.params[0]);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const suites = list.status === 'ready' ? list.value : [];
  const selected = suites.find((s) => s.id === selectedId) ?? suites[0];
  useEffect(() => {
    if (selected) void open(selected.id);
  }, [selected, open]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="suites" />;
  if (!selected) {
    return (
      <EmptyState title="No suites yet">
        A suite is a YAML file naming a dataset, prompts, models, scorers and decision criteria.
        Store one with <code>yardstick run suite.yaml</code>.
      </EmptyState>
    );
  }
  return (
    <div className="page split su-page">
      <aside className="list-pane" aria-label="Suites">
        <ul className="select-list">
          {suites.map((suite) => (
            <li key={suite.id}>
              <a
                href={hrefOf('suites', suite.id)}
                aria-current={suite.id === selected.id ? 'true' : undefined}
              >
                <span>
                  {suite.name}
                  {drafts[suite.id] !== undefined && <span title="Unsaved changes"> •</span>}
                </span>
                <span className="muted">{formatDate(suite.createdAt)}</span>
              </a>
            </li>
          ))}
        </ul>
      </aside>
      <section className="detail-pane su-detail">
        <header className="page-header">
          <h1>{selected.name}</h1>
          <p className="meta">
            hash <code title={selected.contentHash}>{shortHash(selected.contentHash)}</code>
            {selected.sourcePath && <> · from {selected.sourcePath}</>} · Ctrl+S saves
          </p>
        </header>
        {current.status === 'ready' && current.value.id === selected.id ? (
          <SuiteEditor key={selected.id} suite={current.value} />
        ) : current.status === 'error' ? (
          <ErrorNotice message={current.message} onRetry={() => open(selected.id)} />
        ) : (
          <Loading what="the suite" />
        )}
      </section>
    </div>
  );
}
