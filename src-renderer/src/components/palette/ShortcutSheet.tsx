import { globalGroupId, useShortcutRegistry, type ShortcutGroup } from '../../shortcuts';
import { ModalDialog } from './ModalDialog';
import { usePalette } from './paletteStore';
import './palette.css';

function GroupTable({ group }: { group: ShortcutGroup }) {
  return (
    <section className="sheet-group" data-testid={`shortcuts-${group.id}`}>
      <h3>{group.title}</h3>
      <table className="table sheet-table">
        <tbody>
          {group.shortcuts.map((s) => (
            <tr key={`${s.keys} ${s.description}`}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Every shortcut the registry holds now: the global ones, then those of the screens on show
 * (each screen declares its own while it is mounted).
 */
export function ShortcutSheet() {
  const isOpen = usePalette((s) => s.open === 'sheet');
  const close = usePalette((s) => s.close);
  const groups = useShortcutRegistry((s) => s.groups);
  if (!isOpen) return null;
  const global = groups.filter((g) => g.id === globalGroupId);
  const screen = groups.filter((g) => g.id !== globalGroupId);
  return (
    <ModalDialog label="Keyboard shortcuts" className="sheet-dialog" onClose={close}>
      <header className="sheet-header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </header>
      <div className="sheet-body">
        {screen.length === 0 && (
          <p className="muted">This screen has no keys of its own beyond the ones below.</p>
        )}
        {[...screen, ...global].map((g) => (
          <GroupTable key={g.id} group={g} />
        ))}
      </div>
    </ModalDialog>
  );
}
