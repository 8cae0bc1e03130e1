import { useEffect, useRef } from 'react';

/**
 * Scrolls the element into view (as little as needed) whenever `key` changes to a non-null
 * value: the outcome of a button low in a long page (Check integrity at the foot of Settings
 * in a 700-pixel window) appears below the fold, and the click would otherwise seem to do
 * nothing but raise a toast.
 */
export function useRevealOnChange<T extends HTMLElement>(key: string | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key !== null) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [key]);
  return ref;
}
