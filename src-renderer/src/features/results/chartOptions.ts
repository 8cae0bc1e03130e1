/**
 * ECharts options for the results charts, built from core figures as they are: the renderer
 * places points, bins and CDF steps the core computed; it derives none of them.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { RouteOutput } from '@contract/index';
import type { CostQuality, RunCharts, SuiteTrends } from '@contract/routes/reports';
import {
  barData,
  barLayoutOptions,
  noDataSeries,
  barSlot,
  zeroLabel,
  ZERO_BAR_PX,
  type SlotApi,
} from './barMarks';
import { formatFigure } from './formatFigures';

/** Series colours and the axis colours of the current theme (CSS variables). */
export interface ChartTheme {
  series: string[];
  text: string;
  muted: string;
  border: string;
  accent: string;
  /** The page background (what a chart outside a raised panel is drawn on). */
  bg: string;
  /** Text drawn on the accent colour. */
  accentText: string;
}

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    series: [
      read('--accent'),
      read('--ok'),
      read('--warn'),
      read('--danger'),
      '#a371f7',
      '#39c5cf',
    ],
    text: read('--text'),
    muted: read('--text-muted'),
    border: read('--border'),
    accent: read('--accent'),
    bg: read('--bg'),
    accentText: read('--accent-text'),
  };
}

/** What every per-model chart with axes shares: the theme's colours, an axis tooltip, a legend. */
function axisChartBase(theme: ChartTheme) {
  return {
    color: theme.series,
    textStyle: { color: theme.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: theme.text } },
  };
}

function axis(theme: ChartTheme, extra: Record<string, unknown>) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.5 } },
    nameTextStyle: { color: theme.muted },
    ...extra,
  };
}

type Extent = { min: number; max: number };
/** Whole tenths (rounded to 6 places first, so 1.15 − 0.05 does not floor to 1.0). */
const tenthBelow = (v: number) => Math.floor(Number((v * 10).toFixed(6))) / 10;
const tenthAbove = (v: number) => Math.ceil(Number((v * 10).toFixed(6))) / 10;
const withinUnit = (e: Extent) => Number.isFinite(e.min) && e.min >= 0 && e.max <= 1;

/**
 * A score axis for data within [0, 1] (pass rates, most metrics) ends at whole tenths just
 * outside the data and never past 0 or 1: ECharts alone drew a pass rate of 1 on an axis up
 * to 1.6. Other data keeps ECharts' own bounds.
 */
const unitAxisMin = (e: Extent) =>
  withinUnit(e) ? Math.max(0, tenthBelow(e.min - 0.05)) : undefined;
const unitAxisMax = (e: Extent) =>
  withinUnit(e) ? Math.min(1, tenthAbove(e.max + 0.05)) : undefined;

export function costQualityOption(data: CostQuality, theme: ChartTheme): EChartsCoreOption {
  const priced = data.points.filter(
    (p) => p.costPerSuccessUsd !== null && p.quality?.estimate !== null,
  );
  const byKey = new Map(priced.map((p) => [p.modelKey, p]));
  const frontier = data.frontier
    .map((k) => byKey.get(k))
    .filter((p): p is (typeof priced)[number] => p !== undefined);
  return {
    color: theme.series,
    textStyle: { color: theme.text },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { name: string; value: [number, number] } }) =>
        `${p.data.name}: ${formatFigure(p.data.value[1], 'score')} at ${formatFigure(p.data.value[0], 'usd')} per success`,
    },
    legend: { top: 0, textStyle: { color: theme.text } },
    grid: { left: 70, right: 30, top: 40, bottom: 50 },
    xAxis: axis(theme, {
      type: 'value',
      name: 'cost per successful task ($)',
      nameLocation: 'middle',
      nameGap: 30,
      scale: true,
    }),
    yAxis: axis(theme, {
      type: 'value',
      name: data.scorerKey,
      scale: true,
      min: unitAxisMin,
      max: unitAxisMax,
    }),
    series: [
      {
        name: 'Pareto frontier',
        type: 'line',
        data: frontier.map((p) => [p.costPerSuccessUsd, p.quality?.estimate]),
        lineStyle: { type: 'dashed', color: theme.muted },
        itemStyle: { color: theme.muted },
        symbol: 'none',
        z: 1,
      },
      {
        name: 'models',
        type: 'scatter',
        symbolSize: 14,
        data: priced.map((p) => ({
          name: p.modelKey,
          value: [p.costPerSuccessUsd, p.quality?.estimate],
          itemStyle: { color: p.isPareto ? theme.accent : theme.muted },
        })),
        label: { show: true, position: 'right', color: theme.text, formatter: '{b}' },
        z: 2,
      },
    ],
  };
}

export function latencyHistogramOption(
  data: RunCharts['latency'],
  theme: ChartTheme,
): EChartsCoreOption {
  const labels = data.binEdgesMs
    .slice(0, -1)
    .map((low, i) => `${formatFigure(low, 'ms')}–${formatFigure(data.binEdgesMs[i + 1], 'ms')}`);
  return {
    ...axisChartBase(theme),
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: axis(theme, {
      type: 'category',
      data: labels,
      name: 'latency (ms)',
      nameLocation: 'middle',
      nameGap: 45,
    }),
    yAxis: axis(theme, { type: 'value', name: 'responses' }),
    series: data.models.map((m) => ({
      name: m.modelKey,
      type: 'bar',
      data: m.histogram,
      barGap: '0%',
    })),
  };
}

export function latencyCdfOption(data: RunCharts['latency'], theme: ChartTheme): EChartsCoreOption {
  return {
    ...axisChartBase(theme),
    grid: { left: 50, right: 20, top: 40, bottom: 50 },
    xAxis: axis(theme, {
      type: 'value',
      name: 'latency (ms)',
      nameLocation: 'middle',
      nameGap: 30,
      scale: true,
    }),
    yAxis: axis(theme, { type: 'value', name: 'share ≤ x', min: 0, max: 1 }),
    series: data.models.map((m) => ({
      name: m.modelKey,
      type: 'line',
      step: 'end',
      symbol: 'none',
      data: m.cdf.map((p) => [p.ms, p.share]),
    })),
  };
}

type Breakdown = RouteOutput<'scoring.breakdown'>;

/**
 * Bars per category and model with the core's interval as a whisker. A rate of 0 is drawn as a
 * stub with its figure above the whisker; a category a model has no figure for says "no data".
 */
export function categoryOption(breakdown: Breakdown, theme: ChartTheme): EChartsCoreOption {
  const groups = [...new Set(breakdown.flatMap((m) => m.groups.map((g) => g.group)))].sort();
  const models = breakdown.length;
  const entry = (modelIndex: number, group: string) =>
    breakdown[modelIndex]?.groups.find((x) => x.group === group);
  const whisker = (modelIndex: number) => ({
    type: 'custom',
    name: `${breakdown[modelIndex]?.modelKey ?? ''} interval`,
    renderItem: (_params: unknown, api: SlotApi) => {
      const x = api.value(0);
      const slot = barSlot(api, x, modelIndex, models);
      const center = slot.center;
      const e = entry(modelIndex, groups[x] ?? '');
      const low = e?.low == null ? null : api.coord([x, e.low])[1];
      const high = e?.high == null ? null : api.coord([x, e.high])[1];
      const line =
        low === null || high === null
          ? []
          : [
              {
                type: 'line',
                shape: { x1: center, y1: low, x2: center, y2: high },
                style: { stroke: theme.text, lineWidth: 1.5 },
              },
            ];
      // A zero's figure goes above its whisker, where the line cannot strike through it.
      const zero =
        e?.estimate === 0
          ? [zeroLabel(theme, slot, Math.min(high ?? Infinity, api.coord([x, 0])[1] - ZERO_BAR_PX))]
          : [];
      return { type: 'group', children: [...line, ...zero] };
    },
    data: groups.map((_, i) => [i, 0]),
    z: 3,
    silent: true,
    tooltip: { show: false },
  });
  const estimates = (modelIndex: number) =>
    groups.map((g) => entry(modelIndex, g)?.estimate ?? null);
  return {
    color: theme.series,
    textStyle: { color: theme.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: theme.text }, data: breakdown.map((m) => m.modelKey) },
    grid: { left: 50, right: 20, top: 40, bottom: groups.length > 4 ? 70 : 40 },
    xAxis: axis(theme, {
      type: 'category',
      data: groups,
      // Every category named under its bars (ECharts would skip labels that collide), slanted
      // when there are many.
      axisLabel: { color: theme.muted, interval: 0, rotate: groups.length > 4 ? 30 : 0 },
    }),
    yAxis: axis(theme, { type: 'value', min: 0 }),
    series: [
      ...breakdown.map((m, i) => ({
        name: m.modelKey,
        type: 'bar',
        ...barLayoutOptions(),
        // The zero's figure is printed by the whisker series, above the interval.
        data: barData(estimates(i), theme, false),
      })),
      ...breakdown.map((_, i) => whisker(i)),
      ...breakdown.map((m, i) =>
        noDataSeries(estimates(i), i, models, theme, `${m.modelKey} no data`),
      ),
    ],
  };
}

export function trendsOption(
  trends: SuiteTrends,
  scorerKey: string,
  theme: ChartTheme,
): EChartsCoreOption {
  const models = [...new Set(trends.points.map((p) => p.modelKey))].sort();
  const runLabel = (r: SuiteTrends['runs'][number]) => `${r.runName} (${r.createdAt.slice(0, 10)})`;
  return {
    ...axisChartBase(theme),
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: axis(theme, {
      type: 'category',
      data: trends.runs.map(runLabel),
      axisLabel: { color: theme.muted, rotate: 20 },
    }),
    yAxis: axis(theme, { type: 'value', name: scorerKey, scale: true }),
    series: models.map((m) => ({
      name: m,
      type: 'line',
      connectNulls: true,
      data: trends.runs.map(
        (r) =>
          trends.points.find(
            (p) => p.runId === r.runId && p.modelKey === m && p.scorerKey === scorerKey,
          )?.estimate?.estimate ?? null,
      ),
    })),
  };
}
