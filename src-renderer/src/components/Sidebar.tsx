import { hrefOf, sections, useUi } from '../stores/ui';

export function Sidebar() {
  const current = useUi((s) => s.route.section);
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ▮▯
        </span>
        Yardstick
      </div>
      <ul>
        {sections.map((section, index) => (
          <li key={section.id}>
            <a
              href={hrefOf(section.id)}
              aria-current={current === section.id ? 'page' : undefined}
              title={index < 10 ? `${section.label} (Ctrl+${(index + 1) % 10})` : section.label}
            >
              {section.label}
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="theme-toggle"
        onClick={toggleTheme}
        title="Toggle theme (Ctrl+Shift+L)"
      >
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </nav>
  );
}
