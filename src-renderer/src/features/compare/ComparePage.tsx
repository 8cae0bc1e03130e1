import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';

export function ComparePage() {
  return (
    <NeedsFinishedRun title="Compare outputs side by side">
      Items as rows, models as columns, with scores, filters and a diff of any two outputs.
    </NeedsFinishedRun>
  );
}
