import { CommandPalette } from './CommandPalette';
import { ShortcutSheet } from './ShortcutSheet';

/** The command palette and the shortcuts sheet, above every screen (at most one is open). */
export function PaletteLayer() {
  return (
    <>
      <CommandPalette />
      <ShortcutSheet />
    </>
  );
}
