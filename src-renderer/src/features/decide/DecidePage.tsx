import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';

export function DecidePage() {
  return (
    <NeedsFinishedRun title="Ship or don't ship">
      The suite&apos;s decision criteria against each candidate&apos;s scores and their confidence
      intervals.
    </NeedsFinishedRun>
  );
}
