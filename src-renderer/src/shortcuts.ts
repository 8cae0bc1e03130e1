import { useEffect } from 'react';
import { navigate, sections, useUi } from './stores/ui';

/** Ctrl/Cmd+1…9 and 0 (the tenth) jump to a section; Ctrl/Cmd+Shift+L toggles the theme. */
export function useGlobalShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const digit = /^[0-9]$/.test(event.key) ? Number(event.key) : NaN;
      const section = sections[digit === 0 ? 9 : digit - 1];
      if (!event.shiftKey && Number.isInteger(digit) && section) {
        event.preventDefault();
        navigate(section.id);
      } else if (event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        useUi.getState().toggleTheme();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
