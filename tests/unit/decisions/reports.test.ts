import { describe, expect, it } from 'vitest';
import type { Estimate } from '@contract/routes/scoring';
import { intervalChart } from '@core/decisions/htmlReport';
import { escapeXml } from '@core/decisions/junit';

describe('report building blocks', () => {
  it('escapes XML, including control characters JUnit parsers reject', () => {
    expect(escapeXml(`a<b & "c" 'd'\u0001`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;');
  });

  it('draws interval charts as inline SVG with escaped labels', () => {
    const e = (estimate: number): Estimate => ({
      estimate,
      low: estimate - 0.1,
      high: estimate + 0.1,
      method: 'm',
      n: 10,
    });
    const svg = intervalChart(
      [
        { label: '<model>', e: e(0.5) },
        { label: 'other', e: e(-0.2) },
      ],
      { zero: true },
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('&lt;model&gt;');
    expect(svg).toMatch(/stroke="#cf222e"/);
    expect(intervalChart([{ label: 'x', e: null }])).toBe('');
  });
});
