/**
 * How bar charts tell a zero from missing data. ECharts draws a bar of value 0 with no height
 * and a missing value (null) not at all, so a category rate of 0.000 looked like a gap. Here a
 * zero gets a stub on the baseline and its figure printed; missing data gets "no data" written
 * upright in its slot, in the muted colour, and no stub.
 */
import type { ChartTheme } from './chartOptions';
import { formatFigure } from './formatFigures';

/** Height in pixels of the stub a zero (or tiny) value is drawn with (ECharts' barMinHeight). */
export const ZERO_BAR_PX = 3;
/** Gaps shared by the bar series and the custom series that mark their slots. */
export const BAR_GAP = '10%';
export const BAR_CATEGORY_GAP = '20%';
/** What a slot without a figure says. */
export const NO_DATA = 'no data';

const LABEL_FONT = 11;

/** The layout options every bar series of these charts takes. */
export function barLayoutOptions() {
  return { barGap: BAR_GAP, barCategoryGap: BAR_CATEGORY_GAP, barMinHeight: ZERO_BAR_PX };
}

type BarDatum = number | null | { value: number; label: Record<string, unknown> };

/**
 * A bar series' data: a zero carries its figure as a label above its stub (unless something
 * else prints it: `labelZeros: false`); other values are left as they are.
 */
export function barData(
  values: Array<number | null>,
  theme: ChartTheme,
  labelZeros = true,
): BarDatum[] {
  return values.map((v) =>
    v === 0 && labelZeros
      ? {
          value: 0,
          label: {
            show: true,
            position: 'top',
            color: theme.text,
            fontSize: LABEL_FONT,
            formatter: formatFigure(0, 'score'),
          },
        }
      : v,
  );
}

/** The custom-series API parts the slot marks use. */
export interface SlotApi {
  value: (i: number) => number;
  coord: (v: [number, number]) => [number, number];
  barLayout: (
    opt: Record<string, unknown>,
  ) => Array<{ offsetCenter: number; width: number }> | undefined;
}

/** Pixel centre and width of bar `index` of `count` in the category at `x`, as ECharts lays bars out. */
export function barSlot(
  api: SlotApi,
  x: number,
  index: number,
  count: number,
): { center: number; width: number } {
  const layout = api.barLayout({ count, barGap: BAR_GAP, barCategoryGap: BAR_CATEGORY_GAP });
  const bar = layout?.[index];
  return { center: api.coord([x, 0])[0] + (bar?.offsetCenter ?? 0), width: bar?.width ?? 0 };
}

/** About the width of "0.000" at the labels' size: narrower slots get it upright. */
const ZERO_LABEL_PX = 32;

/**
 * A text element for a custom series' renderItem: the figure of a zero above `y` in the slot,
 * across it when the slot is wide enough, upright otherwise (so neighbours never overlap).
 */
export function zeroLabel(theme: ChartTheme, slot: { center: number; width: number }, y: number) {
  const upright = slot.width < ZERO_LABEL_PX;
  return {
    type: 'text',
    x: slot.center,
    y: y - 3,
    rotation: upright ? Math.PI / 2 : 0,
    style: {
      text: formatFigure(0, 'score'),
      fill: theme.text,
      fontSize: LABEL_FONT,
      align: upright ? 'left' : 'center',
      verticalAlign: upright ? 'middle' : 'bottom',
    },
  };
}

/**
 * A custom series writing "no data" upright in the slot of bar `index` of `count` wherever
 * `values` has no figure. Nothing is drawn for the other categories.
 */
export function noDataSeries(
  values: Array<number | null>,
  index: number,
  count: number,
  theme: ChartTheme,
  name: string,
) {
  return {
    type: 'custom',
    name,
    renderItem: (_params: unknown, api: SlotApi) => {
      const x = api.value(0);
      const base = api.coord([x, 0]);
      return {
        type: 'text',
        x: barSlot(api, x, index, count).center,
        y: base[1] - 4,
        rotation: Math.PI / 2,
        style: {
          text: NO_DATA,
          fill: theme.muted,
          fontSize: LABEL_FONT,
          align: 'left',
          verticalAlign: 'middle',
        },
      };
    },
    data: values.flatMap((v, i) => (v === null ? [[i, 0]] : [])),
    z: 3,
    silent: true,
    tooltip: { show: false },
  };
}
