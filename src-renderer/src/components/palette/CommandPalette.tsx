import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { valueOf, type Loadable } from '../../stores/load';
import { useDatasets } from '../../stores/datasets';
import { useLabeling } from '../../stores/labeling';
import { useRuns } from '../../stores/runs';
import { useSuites } from '../../stores/suites';
import { rank } from './fuzzy';
import { ModalDialog } from './ModalDialog';
import { paletteItems, type PaletteItem } from './paletteItems';
import { usePalette } from './paletteStore';
import './palette.css';

/**
 * At most this many options are in the DOM; the rest are counted ("N more — refine"), so a
 * query over 10,000 runs renders as fast as one over ten.
 */
export const shownLimit = 50;

const none: never[] = [];

function useSources() {
  const runs = useRuns((s) => s.list);
  const datasets = useDatasets((s) => s.list);
  const suites = useSuites((s) => s.list);
  const sessions = useLabeling((s) => s.sessions);
  useEffect(() => {
    // Fresh lists each time the palette opens; the ones already held show meanwhile.
    void useRuns.getState().loadList();
    void useDatasets.getState().loadList();
    if (useSuites.getState().list.status !== 'loading') void useSuites.getState().loadList();
    void useLabeling.getState().loadSessions();
  }, []);
  const loadables: [string, Loadable<unknown>][] = [
    ['runs', runs],
    ['datasets', datasets],
    ['suites', suites],
    ['rating sessions', sessions],
  ];
  // Keyed on the lists themselves: a reload that keeps showing the same list re-prepares nothing.
  const runList = valueOf(runs) ?? none;
  const datasetList = valueOf(datasets) ?? none;
  const suiteList = valueOf(suites) ?? none;
  const sessionList = valueOf(sessions) ?? none;
  const items = useMemo(
    () =>
      paletteItems({
        runs: runList,
        datasets: datasetList,
        suites: suiteList,
        sessions: sessionList,
      }),
    [runList, datasetList, suiteList, sessionList],
  );
  const loading = loadables.filter(([, l]) => l.status === 'loading' && valueOf(l) === undefined);
  const failed = loadables.filter(([, l]) => l.status === 'error');
  return {
    items,
    loading: loading.map(([name]) => name),
    failed: failed.map(([name, l]) => `${name}: ${l.status === 'error' ? l.message : ''}`),
  };
}

function Palette({ onClose }: { onClose: () => void }) {
  const { items, loading, failed } = useSources();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const { shown, total } = useMemo(
    () => rank(deferredQuery, items, (i) => i.prepared, shownLimit),
    [deferredQuery, items],
  );
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const activeItem = shown[activeIndex];
  const optionId = (item: PaletteItem) => `${listId}-${item.key}`;

  useEffect(() => {
    if (!activeItem) return;
    document.getElementById(optionId(activeItem))?.scrollIntoView({ block: 'nearest' });
  });

  const choose = (item: PaletteItem) => {
    onClose();
    item.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = shown.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!count) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + count) % count);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      const step = event.key === 'PageDown' ? 8 : -8;
      setActive(Math.max(0, Math.min(count - 1, activeIndex + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Ranking trails typing (deferred): Enter pressed before it caught up opens the best match
      // of what is typed, not the first of the list for an earlier query still on screen.
      const item =
        deferredQuery === query ? activeItem : rank(query, items, (i) => i.prepared, 1).shown[0];
      if (item) choose(item);
    }
  };

  const hidden = total - shown.length;
  return (
    <div className="palette">
      <input
        className="palette-input"
        type="text"
        role="combobox"
        aria-label="Go to a run, dataset, suite, session or action"
        aria-expanded={shown.length > 0}
        aria-controls={shown.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={activeItem ? optionId(activeItem) : undefined}
        placeholder="Find a run, dataset, suite, session or action…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {shown.length > 0 ? (
        <ul className="palette-list" id={listId} role="listbox" aria-label="Matches" ref={listRef}>
          {shown.map((item, index) => (
            <li
              key={item.key}
              id={optionId(item)}
              role="option"
              aria-selected={index === activeIndex}
              className="palette-option"
              // Keeps the focus in the field, so the keys go on working after a click.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => index !== activeIndex && setActive(index)}
              onClick={() => choose(item)}
            >
              <span className="palette-kind">{item.kind}</span>
              <span className="palette-label">{item.label}</span>
              <span className="palette-detail">{item.detail}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="palette-empty">
          {loading.length ? 'Loading…' : `Nothing matches “${deferredQuery.trim()}”.`}
        </p>
      )}
      <p className="palette-footer" role="status">
        {hidden > 0 && <span>{hidden.toLocaleString()} more — refine the search. </span>}
        {loading.length > 0 && <span>Loading {loading.join(', ')}… </span>}
        <span className="palette-hint">↑ ↓ choose · Enter opens · Esc closes</span>
      </p>
      {failed.length > 0 && (
        <p className="palette-error" role="alert">
          Could not load {failed.join('; ')}
        </p>
      )}
    </div>
  );
}

/** The command palette (Ctrl/Cmd+K). */
export function CommandPalette() {
  const isOpen = usePalette((s) => s.open === 'palette');
  const close = usePalette((s) => s.close);
  if (!isOpen) return null;
  return (
    <ModalDialog label="Command palette" className="palette-dialog" onClose={close}>
      <Palette onClose={close} />
    </ModalDialog>
  );
}
