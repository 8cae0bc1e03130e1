import { useEffect, type RefObject } from 'react';

/**
 * Puts the focus on `ref`'s element (give it `tabIndex={-1}`) when nothing has it: the control
 * the user pressed went away (a button that navigated, a button disabled while it worked), which
 * leaves the focus on the page body and a keyboard or screen-reader user back at the top. Never
 * takes the focus from an element that has it. Runs when `key` changes, unless `isEnabled` is false.
 */
export function useFocusWhenLost(
  ref: RefObject<HTMLElement | null>,
  key: unknown,
  isEnabled = true,
): void {
  useEffect(() => {
    if (!isEnabled) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    ref.current?.focus({ preventScroll: true });
  }, [ref, key, isEnabled]);
}
