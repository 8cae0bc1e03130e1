import { useRef } from 'react';
import type { Decision } from '@contract/routes/scoring';
import { useFocusWhenLost } from '../../components/useFocusWhenLost';
import { formatDate, shortHash } from '../../format';
import { formatFigure } from '../results/formatFigures';
import { verdictLabels } from './verdicts';

/** A recorded decision: verdict, reasons and how the verdict depends on the weights. */
export function VerdictPanel({
  decision,
  isJustRecorded = false,
}: {
  decision: Decision;
  /** Recorded by a press in this view a moment ago (not picked from the history). */
  isJustRecorded?: boolean;
}) {
  // "Record decision" is disabled while it records, which drops the focus: the new verdict
  // takes it, so a keyboard or screen-reader user lands on what the press produced.
  const panelRef = useRef<HTMLElement>(null);
  useFocusWhenLost(panelRef, decision.id, isJustRecorded);
  return (
    <section
      className="decide-verdict"
      data-testid="decision-verdict"
      ref={panelRef}
      tabIndex={-1}
      aria-label={`Decision: ${verdictLabels[decision.verdict]}`}
    >
      <div className="decide-verdict-head">
        <span
          className={`verdict-badge verdict-large verdict-${decision.verdict}`}
          data-testid="verdict"
          data-verdict={decision.verdict}
        >
          {verdictLabels[decision.verdict]}
        </span>
        <span>
          {decision.modelKey ?? 'the run'} · weighted score{' '}
          {formatFigure(decision.weightedScore, 'score')} (ship ≥ {decision.thresholds.ship},
          caveats ≥ {decision.thresholds.caveats})
        </span>
      </div>
      <h3>Reasons</h3>
      <ul data-testid="verdict-reasons">
        {decision.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <h3>Sensitivity to the weights</h3>
      <ul>
        {decision.weightSensitivity.map((w) => (
          <li key={w.metric}>
            {w.metric} (weight {w.weight}):{' '}
            {w.flipsAtWeight === null || w.flipsTo === null
              ? 'no weight changes the verdict'
              : `at weight ${w.flipsAtWeight} the verdict becomes ${verdictLabels[w.flipsTo].toLowerCase()}`}
          </li>
        ))}
      </ul>
      <p className="muted">
        Recorded {formatDate(decision.createdAt)}
        {decision.baselineRunId &&
          ` against baseline run ${decision.baselineRunId}` +
            (decision.baselineModel ? ` (model ${decision.baselineModel})` : '')}{' '}
        · {Math.round(decision.confidenceLevel * 100)}% intervals · manifest{' '}
        <code title={decision.manifestHash}>{shortHash(decision.manifestHash)}</code>
      </p>
    </section>
  );
}
