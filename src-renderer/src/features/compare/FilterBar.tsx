import { useRef, useState, type RefObject } from 'react';
import type { FailureMode } from '@contract/routes/labelingSchemas';
import type { GridFilter } from '@contract/routes/results';
import { formatCount } from '../../format';
import { useCompare, type GridMeta } from '../../stores/compare';

interface FilterBarProps {
  meta: GridMeta;
  filter: GridFilter;
  modes: FailureMode[];
  sortScorer: string | null;
  onSortScorer: (key: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Every grid filter; each change asks the core for a new first page. */
export function FilterBar({
  meta,
  filter,
  modes,
  sortScorer,
  onSortScorer,
  searchRef,
}: FilterBarProps) {
  const setFilter = useCompare((s) => s.setFilter);
  const clearFilter = useCompare((s) => s.clearFilter);
  const [search, setSearch] = useState(filter.search ?? '');
  const timer = useRef<number | undefined>(undefined);
  // Follow the query when it changes from elsewhere (Clear filters), not while typing.
  const [shownFilter, setShownFilter] = useState(filter.search);
  if (shownFilter !== filter.search) {
    setShownFilter(filter.search);
    setSearch(filter.search ?? '');
  }
  const onSearch = (text: string) => {
    setSearch(text);
    window.clearTimeout(timer.current);
    // Searching 100,000 outputs on every key would queue work: wait for a pause in typing.
    timer.current = window.setTimeout(() => setFilter({ search: text.trim() || undefined }), 250);
  };
  const scorerKeys = meta.scorerKeys;
  const isFiltered = Object.keys(filter).length > 0;
  return (
    <div className="cmp-filters" role="search" aria-label="Filter outputs">
      <label>
        Search
        <input
          ref={searchRef}
          type="search"
          value={search}
          placeholder="input or output text  ( / )"
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              window.clearTimeout(timer.current);
              setFilter({ search: search.trim() || undefined });
            }
          }}
          data-testid="compare-search"
        />
      </label>
      <label>
        Category
        <select
          value={filter.category ?? ''}
          onChange={(e) => setFilter({ category: e.target.value || undefined })}
        >
          <option value="">any</option>
          {meta.categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {meta.tags.length > 0 && (
        <label>
          Tag
          <select
            value={filter.tag ?? ''}
            onChange={(e) => setFilter({ tag: e.target.value || undefined })}
          >
            <option value="">any</option>
            {meta.tags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      )}
      {scorerKeys.length > 0 && (
        <label>
          Outcome
          <select
            value={filter.scorer ? `${filter.scorer.outcome}:${filter.scorer.key}` : ''}
            onChange={(e) => {
              const [outcome, ...key] = e.target.value.split(':');
              setFilter({
                scorer: e.target.value
                  ? { key: key.join(':'), outcome: outcome === 'pass' ? 'pass' : 'fail' }
                  : undefined,
              });
            }}
          >
            <option value="">any</option>
            {scorerKeys.flatMap((k) => [
              <option key={`fail:${k}`} value={`fail:${k}`}>
                {k} failed
              </option>,
              <option key={`pass:${k}`} value={`pass:${k}`}>
                {k} passed
              </option>,
            ])}
          </select>
        </label>
      )}
      {scorerKeys.length > 0 && meta.columns.length > 1 && (
        <label>
          Regressions
          <select
            value={filter.regressionScorer ?? ''}
            onChange={(e) => setFilter({ regressionScorer: e.target.value || undefined })}
            data-testid="compare-regressions"
          >
            <option value="">off</option>
            {scorerKeys.map((k) => (
              <option key={k} value={k}>
                baseline passed {k}, candidate failed
              </option>
            ))}
          </select>
        </label>
      )}
      {modes.length > 0 && (
        <label>
          Failure mode
          <select
            value={filter.failureModeId ?? ''}
            onChange={(e) => setFilter({ failureModeId: e.target.value || undefined })}
          >
            <option value="">any</option>
            {modes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={filter.hasErrors ?? false}
          onChange={(e) => setFilter({ hasErrors: e.target.checked || undefined })}
        />
        errors
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.hasDisagreement ?? false}
          onChange={(e) => setFilter({ hasDisagreement: e.target.checked || undefined })}
        />
        judge ≠ human
      </label>
      {scorerKeys.length > 0 && (
        <label>
          Sort headers by
          <select value={sortScorer ?? ''} onChange={(e) => onSortScorer(e.target.value)}>
            {scorerKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      )}
      <span className="muted cmp-count" data-testid="compare-count">
        {formatCount(meta.total)} of {formatCount(meta.unfilteredTotal)} rows
      </span>
      {isFiltered && (
        <button type="button" onClick={clearFilter}>
          Clear filters
        </button>
      )}
    </div>
  );
}
