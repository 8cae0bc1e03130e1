import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { usePalette } from './components/palette/paletteStore';
import { navigate, sections, useUi } from './stores/ui';

/**
 * The one registry of keyboard shortcuts. Every group of keys is declared here by the code that
 * handles it (global keys below, screen keys by the screen that owns them), and the shortcuts
 * sheet lists what this registry holds — so the sheet cannot drift from the handlers.
 *
 * A shortcut with `matches` and `run` is dispatched by the one listener of
 * `useGlobalShortcuts`; one without them documents keys a screen handles in its own listener
 * (the rating screen, the compare grid), declared right beside that listener.
 */
export interface Shortcut {
  /** As shown to the user: "Ctrl+K", "?", "← / →". */
  keys: string;
  description: string;
  matches?: (event: KeyboardEvent) => boolean;
  run?: (event: KeyboardEvent) => void;
  /** Also fires while the focus is in a text field or the editor (modifier keys usually do). */
  inFields?: boolean;
}

export interface ShortcutGroup {
  id: string;
  title: string;
  shortcuts: readonly Shortcut[];
}

interface Registry {
  groups: readonly ShortcutGroup[];
  register: (group: ShortcutGroup) => void;
  unregister: (id: string) => void;
}

export const useShortcutRegistry = create<Registry>((set) => ({
  groups: [],
  register: (group) =>
    set((s) => {
      const at = s.groups.findIndex((g) => g.id === group.id);
      if (at < 0) return { groups: [...s.groups, group] };
      const groups = [...s.groups];
      groups[at] = group;
      return { groups };
    }),
  unregister: (id) => set((s) => ({ groups: s.groups.filter((g) => g.id !== id) })),
}));

export const globalGroupId = 'global';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "⌘" on a Mac, "Ctrl" elsewhere: how the modifier is shown. */
export const modKey = isMac ? '⌘' : 'Ctrl';

/** Whether a key event comes from inside the Monaco editor. */
export function isInEditor(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('.monaco-editor') !== null;
}

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    isInEditor(target)
  );
}

const hasMod = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey;

/** Whether a screen on show declares this key as its own (the rating screen's `?`). */
function isClaimedByScreen(keys: string): boolean {
  return useShortcutRegistry
    .getState()
    .groups.some((g) => g.id !== globalGroupId && g.shortcuts.some((s) => s.keys === keys));
}

/**
 * Declares a group of shortcuts while the calling component is mounted. The handlers always
 * see the component's latest props (they are read through a ref), so callers need not memoise.
 */
export function useShortcuts(id: string, title: string, shortcuts: readonly Shortcut[]) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  // Re-register only when what the sheet shows changes, not on every render.
  const signature = shortcuts.map((s) => `${s.keys}\u0000${s.description}`).join('\u0001');
  useEffect(() => {
    if (!signature) return; // Nothing to declare (yet): no empty heading on the sheet.
    const declared = signature.split('\u0001');
    const group: ShortcutGroup = {
      id,
      title,
      shortcuts: declared.map((_, index) => {
        const at = () => latest.current[index];
        const first = latest.current[index] as Shortcut;
        return {
          keys: first.keys,
          description: first.description,
          inFields: first.inFields,
          ...(first.matches && first.run
            ? {
                matches: (event: KeyboardEvent) => at()?.matches?.(event) ?? false,
                run: (event: KeyboardEvent) => at()?.run?.(event),
              }
            : {}),
        };
      }),
    };
    const registry = useShortcutRegistry.getState();
    registry.register(group);
    return () => registry.unregister(id);
  }, [id, title, signature]);
}

/** The keys that work everywhere. */
function globalShortcuts(): Shortcut[] {
  const digitOf = (e: KeyboardEvent) => (/^[0-9]$/.test(e.key) ? Number(e.key) : NaN);
  return [
    {
      keys: `${modKey}+K`,
      description: 'Command palette: find a run, dataset, suite or session, or run an action',
      inFields: true,
      matches: (e) => hasMod(e) && !e.shiftKey && e.key.toLowerCase() === 'k',
      run: () => usePalette.getState().toggle('palette'),
    },
    {
      keys: `${modKey}+1 … 9, 0`,
      description: `Go to a section (${sections.map((s) => s.label).join(', ')})`,
      inFields: true,
      matches: (e) => hasMod(e) && !e.shiftKey && Number.isInteger(digitOf(e)),
      run: (e) => {
        const digit = digitOf(e);
        const section = sections[digit === 0 ? 9 : digit - 1];
        if (section) navigate(section.id);
      },
    },
    {
      keys: `${modKey}+Shift+L`,
      description: 'Switch between the light and dark theme',
      inFields: true,
      matches: (e) => hasMod(e) && e.shiftKey && e.key.toLowerCase() === 'l',
      run: () => useUi.getState().toggleTheme(),
    },
    {
      keys: '?',
      description: 'These keyboard shortcuts (not while typing in a field)',
      matches: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey,
      run: () => usePalette.getState().toggle('sheet'),
    },
    {
      keys: `${modKey}+/`,
      description: 'These keyboard shortcuts, from anywhere outside the editor',
      matches: (e) => hasMod(e) && e.key === '/',
      run: () => usePalette.getState().toggle('sheet'),
    },
  ];
}

/**
 * Declares the global keys and runs the one listener that dispatches every registered
 * shortcut with a handler. It listens in the capture phase so that a focused widget that
 * swallows keys (Monaco, for Ctrl+K) cannot keep the palette from opening.
 */
export function useGlobalShortcuts() {
  useShortcuts(globalGroupId, 'Everywhere', globalShortcuts());
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const typing = isTextField(event.target);
      const inEditor = isInEditor(event.target);
      for (const group of useShortcutRegistry.getState().groups) {
        for (const shortcut of group.shortcuts) {
          if (!shortcut.matches || !shortcut.run || !shortcut.matches(event)) continue;
          if (typing && !shortcut.inFields) continue;
          // Ctrl+/ in the editor comments the line, as editors do.
          if (inEditor && shortcut.keys === `${modKey}+/`) continue;
          // A screen that gives `?` its own meaning (the rating screen's key map) keeps it.
          if (group.id === globalGroupId && isClaimedByScreen(shortcut.keys)) continue;
          event.preventDefault();
          shortcut.run(event);
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
