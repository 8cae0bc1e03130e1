/**
 * A self-contained HTML report: inline CSS and inline SVG charts, no scripts, fonts or other
 * external assets, so it opens offline and can be attached to a CI run or an e-mail.
 */
import {
  verdictLabels,
  type Comparison,
  type Decision,
  type Estimate,
  type RunScoreSummary,
} from '@contract/routes/scoring';
import { escapeXml as esc } from './junit';

const css = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2430;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde3ea;padding-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f4;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.verdict{display:inline-block;padding:.3rem .8rem;border-radius:4px;font-weight:700;color:#fff}
.ship{background:#1a7f37}.ship_with_caveats{background:#bf8700}.dont_ship{background:#cf222e}
.met,.met_ideal{color:#1a7f37}.uncertain{color:#bf8700}.not_met,.no_data{color:#cf222e}.muted{color:#66707a}
svg text{font:11px system-ui,sans-serif;fill:#1d2430}`;

function f(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return '–';
  // Large values (milliseconds) need no decimals; small ones (rates, dollars) keep theirs.
  return Math.abs(x) >= 100
    ? x.toFixed(0)
    : Math.abs(x) >= 10
      ? x.toFixed(Math.min(digits, 1))
      : x.toFixed(digits);
}

function interval(e: Estimate | null | undefined, digits = 3): string {
  if (!e || e.estimate === null) return '–';
  return `${f(e.estimate, digits)} <span class="muted">[${f(e.low, digits)}, ${f(e.high, digits)}]</span>`;
}

/** Horizontal dot-and-whisker chart of labelled intervals (inline SVG). */
export function intervalChart(
  rows: ReadonlyArray<{ label: string; e: Estimate | null }>,
  options: { min?: number; max?: number; zero?: boolean } = {},
): string {
  const valid = rows.filter(
    (r) => r.e && r.e.estimate !== null && r.e.low !== null && r.e.high !== null,
  );
  if (valid.length === 0) return '';
  const lows = valid.map((r) => r.e!.low as number);
  const highs = valid.map((r) => r.e!.high as number);
  let min = options.min ?? Math.min(...lows, options.zero ? 0 : Infinity);
  let max = options.max ?? Math.max(...highs, options.zero ? 0 : -Infinity);
  if (max === min) [min, max] = [min - 1, max + 1];
  const pad = options.min === undefined && options.max === undefined ? (max - min) * 0.05 : 0;
  min -= pad;
  max += pad;
  const width = 640;
  const left = 190;
  const plot = width - left - 20;
  const rowH = 22;
  const height = valid.length * rowH + 24;
  const x = (v: number) => left + ((v - min) / (max - min)) * plot;
  const parts = valid.map((r, i) => {
    const y = 14 + i * rowH;
    const e = r.e!;
    return `<text x="4" y="${y + 4}">${esc(r.label.slice(0, 30))}</text><line x1="${x(e.low as number).toFixed(1)}" x2="${x(e.high as number).toFixed(1)}" y1="${y}" y2="${y}" stroke="#57606a" stroke-width="2"/><circle cx="${x(e.estimate as number).toFixed(1)}" cy="${y}" r="4" fill="#0969da"/>`;
  });
  const zero =
    options.zero && min < 0 && max > 0
      ? `<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="0" y2="${height - 18}" stroke="#cf222e" stroke-dasharray="3 3"/>`
      : '';
  const axis = `<text x="${left}" y="${height - 4}">${f(min)}</text><text x="${width - 20}" y="${height - 4}" text-anchor="end">${f(max)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">${zero}${parts.join('')}${axis}</svg>`;
}

function summarySection(summary: RunScoreSummary): string {
  const rows: string[] = [];
  const chartRows: Array<{ label: string; e: Estimate | null }> = [];
  for (const model of summary.models) {
    for (const s of model.scorers) {
      const e = s.valueType === 'binary' ? s.passRate : s.mean;
      chartRows.push({ label: `${model.modelKey} · ${s.scorerKey}`, e });
      rows.push(
        `<tr><td>${esc(model.modelKey)}</td><td>${esc(s.scorerKey)} <span class="muted">${esc(s.scorerType)}</span></td><td class="n">${s.items}</td><td class="n">${interval(e)}</td><td class="muted">${esc(e?.method ?? '')}</td><td>${s.overridden ? `${s.overridden} overridden` : ''} ${esc(s.warning ?? '')}</td></tr>`,
      );
    }
  }
  const ops = summary.models
    .map(
      (m) =>
        `<tr><td>${esc(m.modelKey)}</td><td class="n">${m.responses}</td><td class="n">${interval(m.operational.errorRate)}</td><td class="n">${interval(m.latency.p50, 0)}</td><td class="n">${interval(m.latency.p95, 0)}</td><td class="n">${interval(m.latency.p99, 0)}</td><td class="n">${f(m.operational.totalCostUsd, 4)}</td><td class="n">${interval(m.operational.costPerSuccessUsd, 5)}</td></tr>`,
    )
    .join('');
  return `<h2>Scores by model (${(summary.confidenceLevel * 100).toFixed(0)}% intervals)</h2>
${summary.overridesUsed ? `<p>${summary.overridesUsed} score(s) were overridden by a person; the estimates use the overridden values.</p>` : '<p class="muted">No human overrides were used.</p>'}
${intervalChart(chartRows, { min: 0, max: 1 })}
<table><tr><th>Model</th><th>Scorer</th><th>Items</th><th>Estimate [interval]</th><th>Method</th><th>Notes</th></tr>${rows.join('')}</table>
<h2>Latency, errors and cost</h2>
<table><tr><th>Model</th><th>Responses</th><th>Error rate</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>Total $</th><th>$ per success</th></tr>${ops}</table>`;
}

function comparisonSection(c: Comparison): string {
  const rows = c.scorers
    .map(
      (s) =>
        `<tr><td>${esc(s.scorerKey)}</td><td class="n">${s.pairedItems}</td><td class="n">${interval(s.baseline)}</td><td class="n">${interval(s.candidate)}</td><td class="n">${interval(s.difference)}</td><td>${esc(s.test.name)} p=${f(s.test.pValue, 4)} (Holm ${f(s.test.adjustedPValue, 4)})</td><td class="n">${s.regressionCount} / ${s.improvementCount}</td></tr>`,
    )
    .join('');
  const regressions = c.scorers
    .filter((s) => s.regressions.length)
    .map(
      (s) =>
        `<h3>${esc(s.scorerKey)}: ${s.valueType === 'binary' ? 'items the baseline passed and the candidate fails' : 'items that score lower on the candidate'}</h3><p>${s.regressions.map((r) => esc(r.itemKey)).join(', ')}${s.regressionCount > s.regressions.length ? ' …' : ''}</p>`,
    )
    .join('');
  return `<h2>Candidate ${esc(c.candidate.modelKey)} (${esc(c.candidate.runName)}) vs baseline ${esc(c.baseline.modelKey)} (${esc(c.baseline.runName)})</h2>
${intervalChart(
  c.scorers.map((s) => ({ label: s.scorerKey, e: s.difference })),
  { zero: true },
)}
<table><tr><th>Scorer</th><th>Paired items</th><th>Baseline</th><th>Candidate</th><th>Difference</th><th>Test</th><th>Regressed / improved</th></tr>${rows}</table>${regressions}`;
}

function decisionSection(d: Omit<Decision, 'id' | 'createdAt'>): string {
  const rows = d.criteria
    .map(
      (c) =>
        `<tr><td>${esc(c.metric)}${c.gate ? ' <b>(gate)</b>' : ''}</td><td class="n">${c.weight}</td><td class="n">${interval(c.value)}</td><td class="${c.status}">${c.status.replace('_', ' ')}</td><td>${esc(c.explanation)}</td></tr>`,
    )
    .join('');
  const sensitivity = d.weightSensitivity
    .map(
      (w) =>
        `<li>${esc(w.metric)} (weight ${w.weight}): ${w.flipsAtWeight === null ? 'no weight changes the verdict' : `at weight ${w.flipsAtWeight} the verdict becomes ${w.flipsTo ? esc(verdictLabels[w.flipsTo]) : '—'}`}</li>`,
    )
    .join('');
  return `<h2>Decision</h2><p><span class="verdict ${d.verdict}">${esc(verdictLabels[d.verdict])}</span> weighted score ${f(d.weightedScore)}</p>
<ul>${d.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<p class="muted">A criterion is met only when its whole ${(d.confidenceLevel * 100).toFixed(0)}% interval clears the bound (lower end against a minimum, upper end against a maximum).</p>
<table><tr><th>Criterion</th><th>Weight</th><th>Value [interval]</th><th>Status</th><th>Why</th></tr>${rows}</table>
<h3>Sensitivity to the weights</h3><ul>${sensitivity}</ul>`;
}

export function htmlReport(input: {
  title: string;
  summary: RunScoreSummary;
  comparison?: Comparison | null;
  decision?: Omit<Decision, 'id' | 'createdAt'> | null;
  extra?: string;
}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(input.title)}</title><style>${css}</style></head>
<body><h1>${esc(input.title)}</h1>
<p class="muted">Run ${esc(input.summary.runName)} (${esc(input.summary.runId)}), ${esc(input.summary.status)}; generated ${esc(input.summary.generatedAt)} by Yardstick.</p>
${input.extra ?? ''}
${input.decision ? decisionSection(input.decision) : ''}
${input.comparison ? comparisonSection(input.comparison) : ''}
${summarySection(input.summary)}
</body></html>
`;
}
