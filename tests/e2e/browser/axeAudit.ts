/**
 * axe-core (WCAG 2.1 A and AA rules and best practices) run in the page on what is on screen,
 * in both themes. The axe source is read from node_modules (nothing is downloaded); the app's own
 * Ctrl+Shift+L handler switches the theme, so the state on screen (an open pane, a rating
 * mid-session) stays as it is between the two runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { ImpactValue } from 'axe-core';
import { repoRoot } from '../support/yardstickServer';
import { axeWithContrast, type Contrast } from './contrastCheck';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (landmarks, headings, ids). */
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Rules that do not apply to one element, each with why. A finding is dropped only when its
 * element lies inside `within`; the rule still runs everywhere else on the page.
 */
const exclusions: { rule: string; within: string; why: string }[] = [
  {
    rule: 'color-contrast',
    within: '.monaco-editor textarea',
    why: "Monaco's hidden input area (transparent text behind the editor): what is typed there is drawn by the editor's own lines, whose contrast is checked",
  },
];

export type Theme = 'light' | 'dark';

export interface Finding {
  /**
   * A rule broken; one axe could not decide (left for a person to read); or an undecided
   * contrast measured (`contrastCheck.ts`) and found sufficient.
   */
  kind: 'violation' | 'incomplete' | 'settled';
  screen: string;
  theme: Theme;
  rule: string;
  impact: ImpactValue | null;
  help: string;
  target: string;
  summary: string;
  /** axe's own words on each check (for an incomplete contrast: the colours it found). */
  why: string;
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

/**
 * Waits until the screen is at rest: nothing changed for 300 ms (at most 5 s) in what axe
 * judges and is redrawn under it. axe runs asynchronously, and an element replaced while it
 * runs is judged detached ("overlapped by another element", "contains an image node", "unable
 * to determine previous heading", named `:root > …`) and reported undecided although nothing
 * on screen is wrong. Watched: the lines of a Monaco editor (re-tokenised after a theme switch,
 * seen in CI), the charts (every SVG element drawn anew after a theme switch or a reload, then
 * animated for a second) and the page's elements coming and going (a results page reloaded when
 * a run under the job tray finishes scoring). Not watched: attributes outside the charts (the
 * editor's blinking cursor) and text changing in place (a job's progress and ETA).
 */
async function screenAtRest(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const quietMs = 300;
        let timer = setTimeout(done, quietMs);
        const giveUp = setTimeout(done, 5_000);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document.body, { subtree: true, childList: true });
        for (const lines of document.querySelectorAll('.monaco-editor .view-lines'))
          observer.observe(lines, { subtree: true, childList: true, characterData: true });
        // Attributes too: an animating chart moves and fades its elements frame by frame.
        for (const chart of document.querySelectorAll('.chart'))
          observer.observe(chart, { subtree: true, childList: true, attributes: true });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(giveUp);
          resolve();
        }
      }),
  );
}

/** Times axe runs again when elements it reported were replaced under it (see `screenAtRest`). */
const STALE_RETRIES = 2;

/** axe's results once the screen is at rest, and how many elements it named are gone since. */
async function axeAtRest(page: Page) {
  await screenAtRest(page);
  return axeWithContrast(page, axeTags);
}

async function runAxe(page: Page, screen: string, theme: Theme): Promise<Finding[]> {
  // Evaluated, not added as a script tag: the app's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  let attempt = await axeAtRest(page);
  for (let retry = 0; retry < STALE_RETRIES && attempt.stale > 0; retry++)
    attempt = await axeAtRest(page);
  const { results, contrast } = attempt;
  const found: Finding[] = [];
  const byKind = [
    ['violation', results.violations],
    ['incomplete', results.incomplete],
  ] as const;
  for (const [kind, list] of byKind)
    for (const violation of list)
      for (const node of violation.nodes) {
        const target = node.target.map(String).join(' >>> ');
        found.push({
          kind,
          screen,
          theme,
          rule: violation.id,
          impact: node.impact ?? violation.impact ?? null,
          help: violation.help,
          target,
          summary: (node.failureSummary ?? '').split('\n').slice(0, 2).join(' '),
          why: [...node.any, ...node.all, ...node.none].map((check) => check.message).join(' '),
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
  return settle(
    page,
    found.filter((_, i) => !excluded[i]),
    contrast,
  );
}

/**
 * What axe could not decide, decided where a rule allows it: contrasts measured (too low is a
 * violation, enough is settled, a background image stays open), and a control named apart from
 * what it shows settled when it shows only a symbol (×, ✕): "label in name" (WCAG 2.5.3) is
 * about visible text labels, and the name says what the symbol means.
 */
async function settle(
  page: Page,
  found: Finding[],
  contrast: Record<string, Contrast | null>,
): Promise<Finding[]> {
  const named = found.filter(
    (f) => f.kind === 'incomplete' && f.rule === 'label-content-name-mismatch',
  );
  const symbolOnly = await page.evaluate(
    (targets) =>
      targets.map((target) => {
        const el = target.includes(' >>> ') ? null : document.querySelector(target);
        return el !== null && !/[\p{L}\p{N}]/u.test(el.textContent ?? '');
      }),
    named.map((f) => f.target),
  );
  named.forEach((finding, i) => {
    if (!symbolOnly[i]) return;
    finding.kind = 'settled';
    finding.summary = 'shows only a symbol; its name says what the symbol means';
  });
  const open = found.filter((f) => f.kind === 'incomplete' && f.rule === 'color-contrast');
  for (const finding of open) {
    const measured = contrast[finding.target];
    if (!measured || measured.ratio === 'open') continue;
    finding.kind = measured.ratio < measured.needed ? 'violation' : 'settled';
    finding.summary = `${measured.fg} on ${measured.bg}: ${measured.ratio}:1, needs ${measured.needed}:1`;
  }
  return found;
}

/** Every finding of axe on the screen as it is, in the current theme and then the other. */
export async function auditBothThemes(page: Page, screen: string): Promise<Finding[]> {
  await expect(page.locator('.loading')).toHaveCount(0);
  const first = await runAxe(page, screen, await themeOf(page));
  const second = await runAxe(page, screen, await toggleTheme(page));
  await toggleTheme(page);
  return [...first, ...second];
}

/**
 * Every rule broken, whatever its impact, and every check still undecided (neither axe nor
 * `settle` could say: a person has to look, then fix it or teach `settle` why it passes), one
 * line each: what, where, on which screen.
 */
export function blocking(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.kind !== 'settled')
    .map(
      (f) =>
        `${f.screen} [${f.theme}] ${f.kind === 'incomplete' ? 'undecided ' : ''}${f.rule} (${f.impact}): ${f.target} — ${f.summary || f.why}`,
    );
}

/** Every finding (minor and moderate too) kept beside the test output for reading. */
export function saveFindings(name: string, findings: Finding[]) {
  const dir = join(repoRoot, 'artifacts', 'a11y');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(findings, null, 2)}\n`);
}
