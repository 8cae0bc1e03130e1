import type { FailureMode, LabelView, SessionDetail } from '@contract/routes/labeling';
import type { LabelChange } from '../../stores/labeling';

const choices = [
  { value: 'A', key: 'A', label: 'A is better' },
  { value: 'B', key: 'B', label: 'B is better' },
  { value: 'tie', key: 'T', label: 'Tie' },
  { value: 'both_bad', key: 'X', label: 'Both bad' },
] as const;

/** The digit that gives a score: 0 stands for 10 on a 1–10 scale. */
export function keyOfScore(score: number): string {
  return score === 10 ? '0' : String(score);
}

interface Props {
  session: SessionDetail;
  label: LabelView | null;
  failureModes: FailureMode[];
  tagsOpen: boolean;
  /** Shown but not usable: the task takes no label from this rater (the screen says why). */
  disabled: boolean;
  onChange: (change: LabelChange, advance: boolean | 'complete') => void;
}

/** Buttons mirroring the keys: scores with their anchors, pass/fail, tags, or the pair choices. */
export function LabelControls({
  session,
  label,
  failureModes,
  tagsOpen,
  disabled,
  onChange,
}: Props) {
  if (session.kind === 'pairwise') {
    return (
      <div className="label-choices" role="group" aria-label="Which output is better">
        {choices.map((c) => (
          <button
            key={c.value}
            type="button"
            aria-pressed={label?.choice === c.value}
            disabled={disabled}
            onClick={() => onChange({ choice: c.value }, true)}
          >
            <kbd>{c.key}</kbd> {c.label}
          </button>
        ))}
      </div>
    );
  }
  const { scale, anchors, passFail } = session.rubric;
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const active = failureModes.filter((m) => !m.isArchived);
  return (
    <div className="label-controls">
      <div className="label-scale" role="group" aria-label="Score">
        {scores.map((score) => (
          <button
            key={score}
            type="button"
            aria-pressed={label?.score === score}
            disabled={disabled}
            onClick={() => onChange({ score }, 'complete')}
          >
            <kbd>{keyOfScore(score)}</kbd> {score}
            {anchors[String(score)] && (
              <span className="label-anchor">{anchors[String(score)]}</span>
            )}
          </button>
        ))}
      </div>
      {passFail && (
        <div className="label-pass" role="group" aria-label="Pass or fail">
          <button
            type="button"
            aria-pressed={label?.isPass === true}
            disabled={disabled}
            onClick={() => onChange({ isPass: true }, 'complete')}
          >
            <kbd>P</kbd> Pass
          </button>
          <button
            type="button"
            aria-pressed={label?.isPass === false}
            disabled={disabled}
            onClick={() => onChange({ isPass: false }, 'complete')}
          >
            <kbd>F</kbd> Fail
          </button>
        </div>
      )}
      {session.rubric.failureModes && active.length > 0 && (
        <div
          className={tagsOpen ? 'label-tags open' : 'label-tags'}
          role="group"
          aria-label="Failure modes"
        >
          <span className="muted">
            <kbd>G</kbd> tags{tagsOpen ? ' (digits toggle, Esc closes)' : ''}:
          </span>
          {active.slice(0, 9).map((m, i) => {
            const on = label?.tags.includes(m.id) ?? false;
            return (
              <button
                key={m.id}
                type="button"
                aria-pressed={on}
                disabled={disabled || !label}
                title={m.description ?? undefined}
                onClick={() =>
                  onChange(
                    {
                      tags: on
                        ? label!.tags.filter((t) => t !== m.id)
                        : [...(label?.tags ?? []), m.id],
                    },
                    false,
                  )
                }
              >
                {tagsOpen && <kbd>{i + 1}</kbd>} {m.name}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
