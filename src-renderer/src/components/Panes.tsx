import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { ReactNode } from 'react';

interface PanesProps {
  /** Remembers the user's sizes for this layout (a UI preference, kept in localStorage). */
  id: string;
  orientation?: 'horizontal' | 'vertical';
  first: ReactNode;
  second: ReactNode;
  /** Initial size of the first pane, in percent. */
  firstSize?: number;
  minSize?: number;
}

/** Two resizable panes with a draggable (and keyboard-operable) separator. */
export function Panes({
  id,
  orientation = 'horizontal',
  first,
  second,
  firstSize = 60,
  minSize = 15,
}: PanesProps) {
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({ id, storage: localStorage });
  return (
    <Group
      id={id}
      orientation={orientation}
      className="panes"
      defaultLayout={defaultLayout}
      onLayoutChanged={onLayoutChanged}
    >
      <Panel id="first" defaultSize={`${firstSize}%`} minSize={`${minSize}%`}>
        {first}
      </Panel>
      <Separator className="pane-separator" />
      <Panel id="second" defaultSize={`${100 - firstSize}%`} minSize={`${minSize}%`}>
        {second}
      </Panel>
    </Group>
  );
}
