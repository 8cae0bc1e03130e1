import { useEffect, useState } from 'react';
import { readChartTheme, type ChartTheme } from './chartOptions';

/**
 * The current theme's chart colours. The theme attribute is set by the app shell after its
 * children render, so colours are re-read when the attribute itself changes.
 */
export function useChartTheme(): ChartTheme {
  const [colors, setColors] = useState(readChartTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(readChartTheme()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    return () => observer.disconnect();
  }, []);
  return colors;
}
