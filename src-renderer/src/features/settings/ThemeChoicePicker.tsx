import { useUi, type ThemeChoice } from '../../stores/ui';

const choices: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** System / Light / Dark. System follows the operating system's (or browser's) setting live. */
export function ThemeChoicePicker() {
  const choice = useUi((s) => s.themeChoice);
  const setThemeChoice = useUi((s) => s.setThemeChoice);
  return (
    <fieldset className="st-theme" aria-describedby="st-theme-help">
      <legend>Theme</legend>
      <div className="st-theme-options">
        {choices.map((c) => (
          <label key={c.id}>
            <input
              type="radio"
              name="theme"
              value={c.id}
              checked={choice === c.id}
              onChange={() => setThemeChoice(c.id)}
            />{' '}
            {c.label}
          </label>
        ))}
      </div>
      <p id="st-theme-help" className="muted">
        System follows the light or dark setting of your operating system, and changes with it.
        Ctrl+Shift+L switches between light and dark.
      </p>
    </fieldset>
  );
}
