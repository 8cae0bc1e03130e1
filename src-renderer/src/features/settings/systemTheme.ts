import { useUi } from '../../stores/ui';

/**
 * Follows the system's light/dark preference live (a `prefers-color-scheme` listener): the
 * store applies it only while the choice is System. Call once at start-up.
 */
export function bindSystemTheme(): () => void {
  const query = window.matchMedia?.('(prefers-color-scheme: light)');
  if (!query) return () => undefined;
  const onChange = () => useUi.getState().followSystemTheme();
  query.addEventListener('change', onChange);
  // The preference may have changed between the store's creation and this binding.
  onChange();
  return () => query.removeEventListener('change', onChange);
}
