import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';

export function CalibratePage() {
  return (
    <NeedsFinishedRun title="Check the judges against people">
      Agreement, correlation and bias probes between an LLM judge and a human rating session over
      the same outputs.
    </NeedsFinishedRun>
  );
}
