import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';

export function LabelPage() {
  return (
    <NeedsFinishedRun title="Rate outputs">
      Blind, keyboard-first rating sessions over a run&apos;s outputs; every label is saved the
      moment it is given.
    </NeedsFinishedRun>
  );
}
