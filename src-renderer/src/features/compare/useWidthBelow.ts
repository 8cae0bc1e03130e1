import { useLayoutEffect, useState } from 'react';

/**
 * Whether an element is narrower than `px` CSS pixels, kept current as the window or a pane
 * is resized; null until first measured. Returns a callback ref to put on the element (it may
 * mount after the owner, e.g. once data has loaded). Measured in a layout effect, so a layout
 * chosen from it is on screen from the first paint, and the answer only changes when the
 * width crosses the threshold, so resizing does not re-render the owner on every pixel.
 */
export function useWidthBelow(
  px: number,
): [ref: (element: HTMLElement | null) => void, isBelow: boolean | null] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [isBelow, setBelow] = useState<boolean | null>(null);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setBelow(element.getBoundingClientRect().width < px);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, px]);
  return [setElement, isBelow];
}
