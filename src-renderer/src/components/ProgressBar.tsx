/** A determinate bar when the total is known, an indeterminate one otherwise. */
export function ProgressBar({
  done,
  total,
  label,
}: {
  done: number;
  total: number | null;
  label: string;
}) {
  const fraction = total && total > 0 ? Math.min(1, done / total) : null;
  return (
    <div
      className={fraction === null ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={fraction === null ? undefined : done}
    >
      <div
        className="progress-fill"
        style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
      />
    </div>
  );
}
