/**
 * Keyboard-only checks for the accessibility spec: Tab through a screen to a control, failing
 * if the focus ever lands on something a sighted keyboard user cannot see; and what Chromium's
 * accessibility tree says a grid's active descendant is.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Where the focus is, if it is on an element that is not drawn (null when it is visible). */
function invisibleFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const rect = el.getBoundingClientRect();
    const drawn =
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
      rect.width > 1 &&
      rect.height > 1 &&
      rect.bottom > 0 &&
      rect.right > 0 &&
      rect.top < window.innerHeight &&
      rect.left < window.innerWidth;
    if (drawn) return null;
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `<${el.tagName.toLowerCase()} class="${el.className}"> "${name}" at ${Math.round(rect.x)},${Math.round(rect.y)} ${Math.round(rect.width)}×${Math.round(rect.height)}`;
  });
}

/**
 * Presses Tab (or Shift+Tab, to go back) until `target` has the focus, checking after every
 * press that the focused element is visible on screen. Returns how many presses it took.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  maxPresses = 60,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<number> {
  for (let presses = 0; presses <= maxPresses; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false))
      return presses;
    await page.keyboard.press(key);
    expect(await invisibleFocus(page), `focus after ${presses + 1} Tab presses`).toBeNull();
  }
  throw new Error(`${String(target)} not reached in ${maxPresses} Tab presses`);
}

/** Tabs `presses` times from where the focus is, failing on any invisible stop. */
export async function tabAround(page: Page, presses: number): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    expect(await invisibleFocus(page), `focus after ${i + 1} Tab presses`).toBeNull();
  }
}

interface AXValue {
  value?: unknown;
  relatedNodes?: { backendDOMNodeId: number }[];
}
interface AXNode {
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
}

/**
 * The row Chromium's accessibility tree reports as the grid's active descendant: its role,
 * its name (what a screen reader reads) and whether it is selected. Null without one.
 */
export async function activeDescendantOf(
  page: Page,
  gridSelector: string,
): Promise<{ role: unknown; name: string; selected: boolean } | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: gridSelector,
    });
    const grid = (await cdp.send('Accessibility.getPartialAXTree', {
      nodeId,
      fetchRelatives: false,
    })) as { nodes: AXNode[] };
    const property = grid.nodes[0]?.properties?.find((p) => p.name === 'activedescendant');
    const backendNodeId = property?.value.relatedNodes?.[0]?.backendDOMNodeId;
    if (backendNodeId === undefined) return null;
    const row = (await cdp.send('Accessibility.getPartialAXTree', {
      backendNodeId,
      fetchRelatives: false,
    })) as { nodes: AXNode[] };
    const node = row.nodes[0];
    return {
      role: node?.role?.value,
      name: typeof node?.name?.value === 'string' ? node.name.value : '',
      selected: node?.properties?.some((p) => p.name === 'selected' && p.value.value === true)
        ? true
        : false,
    };
  } finally {
    await cdp.detach();
  }
}
