import { useMemo } from 'react';
import type { SessionCalibration } from '@contract/routes/labeling';
import { Chart } from '../../components/Chart';
import { Markdown } from '../../components/Markdown';
import { useChartTheme } from '../results/useChartTheme';
import { confusionOption, scaleOption } from './calibrateCharts';
import { Interval } from './Interval';

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/**
 * The heat map in words: every cell's count as the core counted it, row by row (people's
 * label first, as the chart's rows), then the agreement shown above it.
 */
function describeConfusion(report: SessionCalibration): string {
  const { labels, counts } = report.comparison.confusion;
  const cells = counts.flatMap((row, h) =>
    row.map((n, j) => `people ${labels[h] ?? ''}, judge ${labels[j] ?? ''}: ${n}`),
  );
  const c = report.comparison;
  return `${cells.join('; ')}. Agreement ${f3(c.agreement.estimate)} on ${c.n} items.`;
}

/** The scale-use bars in words: each label's share for the judge and for the people. */
function describeScaleUse(scale: NonNullable<SessionCalibration['scaleUse']>): string {
  const shares = (d: typeof scale.judge) =>
    scale.labels
      .map((label, i) => `${label} ${d.shares[i] == null ? 'no data' : f3(d.shares[i] ?? null)}`)
      .join(', ');
  return `Share of each label. judge: ${shares(scale.judge)}; people: ${shares(scale.human)}. Total variation ${f3(scale.totalVariation)}, χ² p ${f3(scale.homogeneity.pValue)}.`;
}

function Stat({
  label,
  value,
  interval,
}: {
  label: string;
  value: string;
  interval?: SessionCalibration['comparison']['kappaInterval'];
}) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">
        {label} {interval && <Interval value={interval} />}
      </div>
    </div>
  );
}

/** The judge against the people: agreement, κ, correlations, confusion, probes, estimates, disagreements. */
export function ReportView({ report }: { report: SessionCalibration }) {
  const c = report.comparison;
  const theme = useChartTheme();
  const scale = useMemo(() => scaleOption(report, theme), [report, theme]);
  const confusion = useMemo(() => confusionOption(report, theme), [report, theme]);
  const p = report.positionBias;
  return (
    <div className="calibrate-report" data-testid="calibration-report">
      <div className="stat-grid">
        <Stat
          label={`agreement on ${c.n} items`}
          value={f3(c.agreement.estimate)}
          interval={c.agreement}
        />
        <Stat
          label={`Cohen's κ (${c.weighting === 'none' ? 'unweighted' : `${c.weighting} weights`})`}
          value={f3(c.kappa)}
          interval={c.kappaInterval}
        />
        {c.spearman && (
          <Stat label="Spearman ρ" value={f3(c.spearman.estimate)} interval={c.spearman.interval} />
        )}
        {c.kendall && (
          <Stat label="Kendall τ-b" value={f3(c.kendall.estimate)} interval={c.kendall.interval} />
        )}
        <Stat
          label={`people's α (${report.humans.raters.length} raters)`}
          value={f3(report.humans.krippendorffAlpha)}
        />
      </div>
      {report.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <div className="calibrate-charts">
        <section>
          <h2>Confusion (rows: people, columns: judge)</h2>
          <Chart
            option={confusion}
            height={260}
            ariaLabel="Confusion matrix of people against the judge"
            description={describeConfusion(report)}
            testId="confusion-chart"
          />
        </section>
        {scale && (
          <section>
            <h2>
              Scale use · total variation {f3(report.scaleUse?.totalVariation ?? null)}, χ² p{' '}
              {f3(report.scaleUse?.homogeneity.pValue ?? null)}
            </h2>
            <Chart
              option={scale}
              height={260}
              ariaLabel="How the judge and the people use the scale"
              description={report.scaleUse ? describeScaleUse(report.scaleUse) : undefined}
              testId="scale-use-chart"
            />
          </section>
        )}
      </div>
      <h2>Bias probes</h2>
      <table className="table" data-testid="bias-probes">
        <tbody>
          <tr>
            <th>Position</th>
            <td>
              {p ? (
                <>
                  flip rate <Interval value={p.flipRate} showEstimate />; first position won both
                  orders {p.firstBothTimes}×, second {p.secondBothTimes}×; sign test p{' '}
                  {f3(p.pValue)} —{' '}
                  <strong data-testid="position-verdict">
                    {p.favoured
                      ? `favours the ${p.favoured} position`
                      : 'no position preference found'}
                  </strong>
                </>
              ) : (
                <span className="muted">needs a pairwise judge (verdicts in both orders)</span>
              )}
            </td>
          </tr>
          <tr>
            <th>Verbosity</th>
            <td>
              {report.verbosity ? (
                report.verbosity.kind === 'pairwise' ? (
                  <>
                    judge picks the longer output{' '}
                    {report.verbosity.judge && (
                      <Interval value={report.verbosity.judge} showEstimate />
                    )}
                    {report.verbosity.human && (
                      <>
                        , people <Interval value={report.verbosity.human} showEstimate />
                      </>
                    )}
                    {report.verbosity.excess && (
                      <>
                        ; judge − people <Interval value={report.verbosity.excess} showEstimate />{' '}
                        (p {f3(report.verbosity.excessPValue)})
                      </>
                    )}
                  </>
                ) : (
                  <>
                    ρ(length, judge score){' '}
                    {report.verbosity.judge && (
                      <Interval value={report.verbosity.judge} showEstimate />
                    )}
                    {report.verbosity.excess && (
                      <>
                        ; ρ(length, judge − people){' '}
                        <Interval value={report.verbosity.excess} showEstimate />
                      </>
                    )}
                  </>
                )
              ) : (
                <span className="muted">too few items</span>
              )}
            </td>
          </tr>
          <tr>
            <th>Self-preference</th>
            <td>
              {report.selfPreference ? (
                <>
                  judge family {report.selfPreference.judgeFamily}: own minus others{' '}
                  <Interval value={report.selfPreference.estimate} showEstimate /> (p{' '}
                  {f3(report.selfPreference.pValue)}, n {report.selfPreference.n})
                </>
              ) : (
                <span className="muted">
                  no outputs of the judge&apos;s model family to compare
                </span>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>Judge against each person</h2>
      <table className="table">
        <tbody>
          {report.perHuman.map((h) => (
            <tr key={h.rater}>
              <td>{h.rater}</td>
              <td>
                agreement <Interval value={h.agreement} showEstimate />
              </td>
              <td>κ {f3(h.kappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Judge-corrected estimates</h2>
      {report.estimates.length === 0 ? (
        <p className="muted">
          Needs outputs labelled by people and outputs the judge alone scored.
        </p>
      ) : (
        <table className="table" data-testid="ppi-estimates">
          <thead>
            <tr>
              <th>Model</th>
              <th>Judge-corrected (PPI)</th>
              <th>PPI++</th>
              <th>People only</th>
              <th>Judge only</th>
              <th>Judge bias</th>
              <th className="num">n / N</th>
            </tr>
          </thead>
          <tbody>
            {report.estimates.map((e) => (
              <tr key={e.modelKey}>
                <td>
                  {e.modelKey} <span className="muted">{e.quantity}</span>
                  {e.warning && <div className="calibrate-warning">{e.warning}</div>}
                </td>
                <td>
                  <Interval value={e.ppi} showEstimate />
                </td>
                <td>
                  <Interval value={e.ppiPlusPlus} showEstimate />
                </td>
                <td>
                  <Interval value={e.humanOnly} showEstimate />
                </td>
                <td>
                  <Interval value={e.judgeOnly} showEstimate />
                </td>
                <td>
                  <Interval value={e.judgeBias} showEstimate />
                </td>
                <td className="num">
                  {e.n} / {e.bigN}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Disagreements ({report.disagreements.length})</h2>
      <ol className="calibrate-disagreements" data-testid="disagreements">
        {report.disagreements.map((d) => (
          <li key={d.taskId}>
            <div className="calibrate-verdicts">
              <strong>#{d.position + 1}</strong> <span className="muted">{d.itemKey}</span> — judge{' '}
              <strong>{d.judge}</strong>, people <strong>{d.human}</strong>
            </div>
            <div className="calibrate-side-by-side">
              <div>
                <h3>Judge reasoning</h3>
                <p className="calibrate-pre">{d.judgeReasoning ?? '—'}</p>
              </div>
              <div>
                <h3>People&apos;s notes</h3>
                {d.humanNotes.length === 0 ? (
                  <p className="muted">no note</p>
                ) : (
                  d.humanNotes.map((n) => (
                    <p key={n.rater}>
                      <strong>{n.rater}</strong>: {n.note}
                    </p>
                  ))
                )}
              </div>
            </div>
            <details>
              <summary>Input and outputs</summary>
              <Markdown text={d.input} className="calibrate-content" />
              <div className="calibrate-side-by-side">
                {d.outputs.map((o, i) => (
                  <div key={i}>
                    <h3>
                      {o.label}
                      {o.model ? ` · ${o.model}` : ''}
                    </h3>
                    <Markdown text={o.text} className="calibrate-content" />
                  </div>
                ))}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
