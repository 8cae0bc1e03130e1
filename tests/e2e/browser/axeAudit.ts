/**
 * axe-core (WCAG 2.1 A and AA rules) run in the page on what is on screen, in both themes.
 * The axe source is read from node_modules (nothing is downloaded); the app's own
 * Ctrl+Shift+L handler switches the theme, so the state on screen (an open pane, a rating
 * mid-session) stays as it is between the two runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, ImpactValue } from 'axe-core';
import { repoRoot } from '../support/yardstickServer';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Rules that do not apply to one element, each with why. A finding is dropped only when its
 * element lies inside `within`; the rule still runs everywhere else on the page.
 */
const exclusions: { rule: string; within: string; why: string }[] = [];

export type Theme = 'light' | 'dark';

export interface Finding {
  screen: string;
  theme: Theme;
  rule: string;
  impact: ImpactValue | null;
  help: string;
  target: string;
  summary: string;
}

async function themeOf(page: Page): Promise<Theme> {
  return (await page.evaluate(() => document.documentElement.dataset.theme)) === 'light'
    ? 'light'
    : 'dark';
}

/** The app's theme shortcut, sent to the window without moving focus (Monaco would take it). */
async function toggleTheme(page: Page): Promise<Theme> {
  const before = await themeOf(page);
  await page.evaluate(() =>
    window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'L', ctrlKey: true, shiftKey: true, bubbles: true }),
    ),
  );
  const after: Theme = before === 'dark' ? 'light' : 'dark';
  await expect(page.locator('html')).toHaveAttribute('data-theme', after);
  // Charts and editors repaint on the next frames.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return after;
}

async function runAxe(page: Page, screen: string, theme: Theme): Promise<Finding[]> {
  // Evaluated, not added as a script tag: the app's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    wcagTags,
  );
  const found: Finding[] = [];
  for (const violation of results.violations)
    for (const node of violation.nodes) {
      const target = node.target.map(String).join(' >>> ');
      found.push({
        screen,
        theme,
        rule: violation.id,
        impact: node.impact ?? violation.impact ?? null,
        help: violation.help,
        target,
        summary: (node.failureSummary ?? '').split('\n').slice(0, 2).join(' '),
      });
    }
  const excluded = await page.evaluate(
    ({ found, exclusions }) =>
      found.map(({ rule, target }) => {
        const rules = exclusions.filter((e) => e.rule === rule);
        if (rules.length === 0 || target.includes(' >>> ')) return false;
        const el = document.querySelector(target);
        return rules.some((e) => el?.closest(e.within));
      }),
    { found: found.map(({ rule, target }) => ({ rule, target })), exclusions },
  );
  return found.filter((_, i) => !excluded[i]);
}

/** Every finding of axe on the screen as it is, in the current theme and then the other. */
export async function auditBothThemes(page: Page, screen: string): Promise<Finding[]> {
  await expect(page.locator('.loading')).toHaveCount(0);
  const first = await runAxe(page, screen, await themeOf(page));
  const second = await runAxe(page, screen, await toggleTheme(page));
  await toggleTheme(page);
  return [...first, ...second];
}

/** Serious and critical findings, one line each: what fails, where, on which screen. */
export function blocking(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .map((f) => `${f.screen} [${f.theme}] ${f.rule} (${f.impact}): ${f.target} — ${f.summary}`);
}

/** Every finding (minor and moderate too) kept beside the test output for reading. */
export function saveFindings(name: string, findings: Finding[]) {
  const dir = join(repoRoot, 'artifacts', 'a11y');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(findings, null, 2)}\n`);
}
