/**
 * ECharts options for the Calibrate report: the confusion heat map and the scale-use bars, in
 * the current theme's colours, from the core's counts and shares as they are.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { SessionCalibration } from '@contract/routes/labeling';
import { barData, barLayoutOptions, noDataSeries } from '../results/barMarks';
import type { ChartTheme } from '../results/chartOptions';
import { mixHex, readableOn } from '../results/colorContrast';

/**
 * Axis colours of the current theme. Without them ECharts draws labels and legends in its own
 * grey (#54555a), about 2.5:1 against the dark theme's background.
 */
function themedAxis(theme: ChartTheme, axis: Record<string, unknown>) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.5 } },
    nameTextStyle: { color: theme.text },
    ...axis,
  };
}

/**
 * A heat map cell's fill and label colour for a count `n` of at most `max`: from a faint tint
 * of the accent on the page background (an empty cell still reads as a cell) to the accent
 * itself, and for each fill the theme's text or text-on-accent colour, whichever keeps 4.5:1
 * (black or white where neither does, midway along the ramp).
 */
export function heatCell(n: number, max: number, theme: ChartTheme) {
  const share = max > 0 ? Math.max(0, Math.min(1, n / max)) : 0;
  const fill = mixHex(theme.bg, theme.accent, 0.1 + 0.9 * share);
  return { fill, label: readableOn(fill, [theme.text, theme.accentText]) };
}

export function confusionOption(report: SessionCalibration, theme: ChartTheme): EChartsCoreOption {
  const { labels, counts } = report.comparison.confusion;
  const max = Math.max(1, ...counts.flat());
  const data = counts.flatMap((row, h) =>
    row.map((n, j) => {
      const cell = heatCell(n, max, theme);
      return {
        value: [j, h, n],
        itemStyle: { color: cell.fill, borderColor: theme.bg, borderWidth: 1 },
        label: { color: cell.label },
      };
    }),
  );
  return {
    tooltip: {
      formatter: (p: { value: number[] }) =>
        `people ${labels[p.value[1] ?? 0]}, judge ${labels[p.value[0] ?? 0]}: ${p.value[2]}`,
    },
    grid: { left: 90, right: 20, top: 20, bottom: 60 },
    xAxis: themedAxis(theme, {
      type: 'category',
      data: labels,
      name: 'judge',
      nameLocation: 'middle',
      nameGap: 30,
    }),
    yAxis: themedAxis(theme, {
      type: 'category',
      data: labels,
      name: 'people',
      nameLocation: 'middle',
      nameGap: 70,
      inverse: true,
    }),
    series: [
      {
        type: 'heatmap',
        data,
        // No outline: ECharts' default text border would blur the contrast chosen per cell.
        label: { show: true, textBorderWidth: 0 },
        emphasis: { disabled: true },
      },
    ],
  };
}

/** Each label's share for the judge and the people; a share of 0 shows as 0.000, none as "no data". */
export function scaleOption(
  report: SessionCalibration,
  theme: ChartTheme,
): EChartsCoreOption | null {
  const s = report.scaleUse;
  if (!s) return null;
  return {
    color: theme.series,
    tooltip: { trigger: 'axis' },
    legend: { data: ['judge', 'people'], top: 0, textStyle: { color: theme.text } },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: themedAxis(theme, { type: 'category', data: s.labels }),
    yAxis: themedAxis(theme, { type: 'value', name: 'share' }),
    series: [
      { name: 'judge', type: 'bar', ...barLayoutOptions(), data: barData(s.judge.shares, theme) },
      { name: 'people', type: 'bar', ...barLayoutOptions(), data: barData(s.human.shares, theme) },
      noDataSeries(s.judge.shares, 0, 2, theme, 'judge no data'),
      noDataSeries(s.human.shares, 1, 2, theme, 'people no data'),
    ],
  };
}
