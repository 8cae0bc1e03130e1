import type { DatasetSummary, RunSummary, SuiteSummary } from '@contract/index';
import type { SessionSummary } from '@contract/routes/labeling';
import { compareHref } from '../../features/compare/compareRoute';
import { formatDate } from '../../format';
import { modKey } from '../../shortcuts';
import { navigate, sections, useUi } from '../../stores/ui';
import { prepare, type Prepared } from './fuzzy';
import { usePalette } from './paletteStore';

export type ItemKind = 'Action' | 'Section' | 'Dataset' | 'Suite' | 'Run' | 'Session';

export interface PaletteItem {
  /** Unique across kinds: used as the option's DOM id. */
  key: string;
  kind: ItemKind;
  label: string;
  /** Shown beside the label (status, date, key), not searched. */
  detail: string;
  prepared: Prepared;
  run: () => void;
}

export interface PaletteSources {
  runs: readonly RunSummary[];
  datasets: readonly DatasetSummary[];
  suites: readonly SuiteSummary[];
  sessions: readonly SessionSummary[];
}

function item(kind: ItemKind, id: string, label: string, detail: string, run: () => void) {
  return { key: `${kind}-${id}`, kind, label, detail, prepared: prepare(label), run };
}

function actions(runs: readonly RunSummary[]): PaletteItem[] {
  const list = [
    item('Action', 'import', 'Import a dataset', 'Datasets', () => navigate('datasets', 'import')),
    item('Action', 'new-suite', 'New suite', 'Suites', () => navigate('suites', 'new')),
    item('Action', 'session', 'New rating session', 'Label', () => navigate('label', 'new')),
    item('Action', 'provider', 'Add a provider', 'Providers', () => navigate('providers', 'new')),
    item('Action', 'theme', 'Toggle theme', `${modKey}+Shift+L`, () =>
      useUi.getState().toggleTheme(),
    ),
    item('Action', 'keys', 'Keyboard shortcuts', `? or ${modKey}+/`, () =>
      usePalette.getState().show('sheet'),
    ),
  ];
  // Compare needs finished runs: the newest as the candidate, the one before as its baseline.
  const [candidate, baseline] = runs.filter((r) => r.status === 'completed');
  if (candidate && baseline) {
    list.push(
      item(
        'Action',
        'compare-newest',
        'Compare the two newest runs',
        `${candidate.name} vs ${baseline.name}`,
        () => {
          window.location.hash = compareHref(candidate.id, baseline.id);
        },
      ),
    );
  }
  return list;
}

/** Everything the palette can find, in the order shown before anything is typed. */
export function paletteItems({ runs, datasets, suites, sessions }: PaletteSources): PaletteItem[] {
  return [
    ...actions(runs),
    ...sections.map((s, i) =>
      item('Section', s.id, s.label, `${modKey}+${(i + 1) % 10}`, () => navigate(s.id)),
    ),
    ...datasets.map((d) =>
      item(
        'Dataset',
        d.id,
        d.name,
        `${d.versionCount} version${d.versionCount === 1 ? '' : 's'}`,
        () => navigate('datasets', d.id),
      ),
    ),
    ...suites.map((s) =>
      item('Suite', s.id, s.name, formatDate(s.createdAt), () => navigate('suites', s.id)),
    ),
    ...runs.map((r) =>
      item('Run', r.id, r.name, `${r.status} · ${formatDate(r.createdAt)}`, () =>
        navigate('runs', r.id),
      ),
    ),
    ...sessions.map((s) =>
      item('Session', s.id, s.name, `${s.kind} · ${s.status} · ${formatDate(s.createdAt)}`, () =>
        navigate('label', s.id),
      ),
    ),
  ];
}
