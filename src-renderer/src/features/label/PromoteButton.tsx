import { useState } from 'react';
import type { SessionDetail, TaskView } from '@contract/routes/labeling';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';

/**
 * Makes the output the item's reference answer (a new dataset version). Offered once this
 * rater approved it: a pass, the top score, or — pairwise — chose it; the core checks again.
 */
export function PromoteButton({ session, task }: { session: SessionDetail; task: TaskView }) {
  const [result, setResult] = useState<string | null>(null);
  const label = task.myLabel;
  const slot =
    session.kind === 'pairwise'
      ? label?.choice === 'A' || label?.choice === 'B'
        ? label.choice
        : null
      : session.rubric.passFail
        ? label?.isPass === true
          ? 'A'
          : null
        : label?.score === session.rubric.scale.max
          ? 'A'
          : null;
  if (slot === null) return null;
  const promote = () => {
    if (!api) return;
    setResult('Writing a new dataset version…');
    api
      .call('labeling.promote', {
        sessionId: session.id,
        taskId: task.taskId,
        ...(session.kind === 'pairwise' ? { slot } : {}),
      })
      .then((r) => setResult(`Reference of ${r.itemKey} set in dataset version ${r.version}.`))
      .catch((e: unknown) => setResult(errorMessage(e)));
  };
  return (
    <span className="label-promote">
      <button type="button" onClick={promote}>
        Promote {session.kind === 'pairwise' ? `output ${slot}` : 'output'} to reference
      </button>
      {result && <span className="muted"> {result}</span>}
    </span>
  );
}
