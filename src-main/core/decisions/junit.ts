/** JUnit XML for CI systems: one test case per regression check and per hard gate. */
import type { GateResult } from './gate';

const entities: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Escapes text for XML, dropping the control characters XML 1.0 forbids (JUnit parsers reject them). */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    out += entities[ch] ?? ch;
  }
  return out;
}

export function gateJunitXml(result: GateResult): string {
  const cases: string[] = [];
  for (const r of result.regressions) {
    const body = r.isCredibleRegression
      ? `\n      <failure message="${escapeXml(r.message)}" type="regression">${escapeXml(`${r.regressionCount} item(s) passed on the baseline and fail on the candidate`)}</failure>\n    `
      : '';
    cases.push(
      `    <testcase classname="yardstick.regression" name="${escapeXml(r.scorerKey)}">${body}<system-out>${escapeXml(r.message)}</system-out></testcase>`,
    );
  }
  for (const g of result.hardGates) {
    const failed = g.status !== 'met' && g.status !== 'met_ideal';
    const body = failed
      ? `\n      <failure message="${escapeXml(g.explanation)}" type="hard-gate"/>\n    `
      : '';
    cases.push(
      `    <testcase classname="yardstick.gate" name="${escapeXml(g.metric)}">${body}<system-out>${escapeXml(g.explanation)}</system-out></testcase>`,
    );
  }
  const failures =
    result.regressions.filter((r) => r.isCredibleRegression).length +
    result.hardGates.filter((g) => g.status !== 'met' && g.status !== 'met_ideal').length;
  const name = `yardstick gate ${result.comparison.candidate.runId} vs ${result.comparison.baseline.runId}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="yardstick" tests="${cases.length}" failures="${failures}">
  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}
