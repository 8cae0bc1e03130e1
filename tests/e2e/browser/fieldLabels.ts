/** Form fields a screen reader would announce without a name. */
import type { Page } from '@playwright/test';

/**
 * The visible selects, inputs and text areas with neither a label holding text of its own, nor
 * aria-label, aria-labelledby or title (a placeholder is not a label: it goes once typed over).
 * Each is described by its tag, type and the start of its parent's HTML, to find it in the code.
 */
export async function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLElement>('select, input, textarea')];
    const named = (el: HTMLElement) => {
      if (el.getAttribute('aria-label')?.trim()) return true;
      const ids = el.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
      if (ids.some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if (el.getAttribute('title')?.trim()) return true;
      const labels = (el as HTMLInputElement).labels ?? [];
      return [...labels].some((label) => {
        const own = label.cloneNode(true) as HTMLElement;
        own.querySelectorAll('select, input, textarea, option').forEach((c) => c.remove());
        return Boolean(own.textContent?.trim());
      });
    };
    return fields
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'hidden'))
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => !el.closest('.monaco-editor'))
      .filter((el) => !named(el))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[type=${el.type}]` : ''} in ${(el.parentElement?.outerHTML ?? '').slice(0, 160)}`,
      );
  });
}
