import { useLabeling } from '../../stores/labeling';

/** The rater using the laptop now, and a way to hand it to someone else. */
export function RaterBar() {
  const raters = useLabeling((s) => s.raters);
  const raterId = useLabeling((s) => s.raterId);
  const selectRater = useLabeling((s) => s.selectRater);
  const name =
    raters.status === 'ready' ? raters.value.find((r) => r.id === raterId)?.name : undefined;
  return (
    <div className="label-rater" data-testid="current-rater">
      <span className="muted">Rating as</span> <strong>{name ?? '…'}</strong>{' '}
      <button type="button" onClick={() => selectRater(null)}>
        Switch rater
      </button>
    </div>
  );
}
