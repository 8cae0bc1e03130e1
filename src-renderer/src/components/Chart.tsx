import { useEffect, useId, useRef } from 'react';
import {
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  BoxplotChart,
  CustomChart,
} from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useUi } from '../stores/ui';

echarts.use([
  BarChart,
  BoxplotChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** Theme-aware colours for charts, read from the CSS variables of the current theme. */
function palette() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { text: read('--text'), muted: read('--text-muted'), border: read('--border') };
}

interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
  /**
   * What the chart shows, in one line of the core's figures as the screen prints them: a screen
   * reader reads it after the name (the drawing itself says nothing to it).
   */
  description?: string;
  testId?: string;
}

/**
 * An ECharts chart (SVG renderer: crisp, searchable text, no GPU needed) that follows the
 * app theme and resizes with its container.
 */
export function Chart({ option, height = 320, ariaLabel, description, testId }: ChartProps) {
  const descriptionId = useId();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const colors = palette();
    chart.current?.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { color: colors.text },
        legend: { textStyle: { color: colors.text } },
        ...option,
      },
      { notMerge: true },
    );
  }, [option, theme]);

  return (
    <>
      <div
        ref={host}
        style={{ height }}
        role="img"
        aria-label={ariaLabel}
        aria-describedby={description ? descriptionId : undefined}
        data-testid={testId}
        className="chart"
      />
      {description && (
        <p id={descriptionId} className="visually-hidden">
          {description}
        </p>
      )}
    </>
  );
}
