/**
 * Benchmark of the compare grid at scale: a run of 25,000 items × 4 models (100,000 cells, two
 * scorers per cell) in a temporary workspace. Measures
 *   1. the core query (`results.grid`) in this process: the first page (builds the index),
 *      further pages, a filtered and a sorted query — target: a page under 50 ms;
 *   2. the built app in browser mode (`yardstick serve`) in Debian's Chromium: time from
 *      navigation to the first rows rendered (target < 1.5 s), then a scripted scroll through
 *      5,000 rows with every frame's duration recorded (requestAnimationFrame deltas and
 *      long-animation-frame entries) — target: every frame < 50 ms.
 *   3. the run page during a live 20,000-cell run (5,000 items × 4 models) against the provider
 *      simulator: every frame's duration while progress events stream in — target: every
 *      frame < 50 ms.
 * Needs `npm run build` first (it runs the built bundle, as a user would).
 *
 *   npm run bench:ui
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createCore, type Core } from '../src-main/core/host';
import { ScoringRepo, type NewScoreRow } from '../src-main/core/scoring/repo';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium';
import { startSimulator } from '../tests/simulator';
import { repoRoot, startServer } from '../tests/e2e/support/yardstickServer';
import { fabricateRun, type FabricatedCell } from '../tests/support/fabricateRun';

const ITEMS = 25_000;
const MODELS = ['alpha', 'beta', 'gamma', 'delta'];
const SCROLL_ROWS = 5_000;
/** Live progress: a run of this many items × the 4 models (20,000 cells) against the simulator. */
const LIVE_ITEMS = 5_000;
const targets = { pageMs: 50, firstRowsMs: 1500, frameMs: 50 };

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function openCore(workspaceDir: string, keyFile: string): Core {
  return createCore({
    workspaceDir,
    resourcesDir: join(repoRoot, 'resources'),
    appVersion: 'bench',
    env: { YARDSTICK_KEY_FILE: keyFile },
  });
}

const sentence = (i: number, model: string) =>
  `${model} answers question ${i}: restart the sync client, sign out and sign in again. ` +
  'If that does not help, clear the local cache and check the network settings. '.repeat(
    1 + (i % 4),
  );

function fill(core: Core): string {
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    key: `item-${String(i).padStart(5, '0')}`,
    input: `Question ${i}: how do I reset the sync client on device ${i}?`,
    reference: `answer ${i}`,
    category: ['billing', 'sync', 'account', 'bug'][i % 4] as string,
    tags: i % 10 === 0 ? ['urgent'] : [],
  }));
  const cells: FabricatedCell[] = items.flatMap((item, i) =>
    MODELS.map((model, m) =>
      (i + m) % 97 === 0
        ? { itemKey: item.key, modelKey: model, errorClass: 'server_error' }
        : {
            itemKey: item.key,
            modelKey: model,
            output: sentence(i, model),
            latencyMs: 200 + ((i * 7 + m * 13) % 300),
            inputTokens: 30,
            outputTokens: 60,
            costUsd: 0.0002,
          },
    ),
  );
  const suite = `version: 1
name: bench-ui
dataset: { name: bench-ui }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
${MODELS.map((m) => `  - { id: ${m}, provider: openai, model: ${m} }`).join('\n')}
`;
  const run = fabricateRun(core, { datasetName: 'bench-ui', items, suiteYaml: suite, cells });
  // Two scorers per cell, written through the scoring domain's repository.
  const scores: NewScoreRow[] = run.cellIds.flatMap((cellId, n) => {
    const pass = (n * 2654435761) % 100 < 70;
    const common = {
      cellId,
      scorerVersion: '1',
      configHash: 'bench',
      details: '{}',
      costUsd: null,
      error: null,
      createdAt: '2026-01-01T00:00:00Z',
    };
    return [
      { ...common, scorerKey: 'exact', scorerId: 'exact-match', value: pass ? 1 : 0, isPass: pass },
      {
        ...common,
        scorerKey: 'similarity',
        scorerId: 'rouge',
        value: ((n * 7919) % 1000) / 1000,
        isPass: null,
      },
    ];
  });
  new ScoringRepo(core.context.db).writeScores(scores);
  return run.runId;
}

async function coreQueries(core: Core, runId: string) {
  const time = async (input: Record<string, unknown>) => {
    const start = performance.now();
    const result = await core.dispatch('results.grid', { runId, ...input });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return performance.now() - start;
  };
  const first = await time({ page: { offset: 0, limit: 100 } });
  const pages: number[] = [];
  for (let i = 0; i < 40; i++)
    pages.push(await time({ page: { offset: ((i * 7919) % 240) * 100, limit: 100 } }));
  const filterFirst = await time({ filter: { regressionScorer: 'exact', category: 'sync' } });
  const filterNext = await time({
    filter: { regressionScorer: 'exact', category: 'sync' },
    page: { offset: 200, limit: 100 },
  });
  const search = await time({ filter: { search: 'question 1234:' } });
  const sortFirst = await time({
    sort: { columnId: 'beta', scorerKey: 'similarity', direction: 'desc' },
  });
  const sortNext = await time({
    sort: { columnId: 'beta', scorerKey: 'similarity', direction: 'desc' },
    page: { offset: 5000, limit: 100 },
  });
  return { first, pages, filterFirst, filterNext, search, sortFirst, sortNext };
}

/*
 * Scripts that run in the page are plain JavaScript text: tsx compiles this file with helpers
 * (`__name`) that do not exist in the browser, so functions cannot be passed as functions.
 */

/** In the page: the moment the first grid rows with content appear, from navigation start. */
const observeFirstRows = `
  const observer = new MutationObserver(() => {
    if (window.__firstRowsMs === undefined && document.querySelector('[data-testid="compare-cell"]')) {
      window.__firstRowsMs = performance.now();
      observer.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }));
`;

interface ScrollResult {
  frames: number[];
  longFrames: number[];
  /** Where each long frame's time went: scripts, style/layout, rendering (LoAF attribution). */
  details: { duration: number; scripts: number; render: number; layout: number; top: string }[];
  isLoafSupported: boolean;
  elapsedMs: number;
  lastRowIndex: number;
}

/** In the page: scrolls the grid through `rows` rows, recording every frame's duration. */
const scrollThrough = (rows: number) => `(async () => {
  const body = document.querySelector('.compare-grid .vgrid-body');
  if (!body) throw new Error('no grid');
  const rowHeight = document.querySelector('.compare-grid .vgrid-row')?.offsetHeight ?? 84;
  const target = ${rows} * rowHeight;
  const perFrame = rowHeight * 6;
  const longFrames = [];
  const details = [];
  const supported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
  const observer = supported
    ? new PerformanceObserver((list) => list.getEntries().forEach((e) => {
        longFrames.push(e.duration);
        const scripts = e.scripts.reduce((t, x) => t + x.duration, 0);
        const render = e.startTime + e.duration - e.renderStart;
        const layout = e.startTime + e.duration - e.styleAndLayoutStart;
        details.push({ duration: e.duration, scripts, render, layout,
          top: e.scripts.slice().sort((a, b) => b.duration - a.duration)[0]?.invoker ?? '' });
      }))
    : null;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  const frames = [];
  const start = performance.now();
  await new Promise((resolve) => {
    let last = performance.now();
    const step = (now) => {
      frames.push(now - last);
      last = now;
      if (body.scrollTop >= target - 1) return resolve();
      body.scrollTop = Math.min(target, body.scrollTop + perFrame);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  // Let the last pages arrive and render before reading the long frames.
  await new Promise((r) => setTimeout(r, 500));
  observer?.disconnect();
  const lastRow = [...document.querySelectorAll('.compare-grid .vgrid-row')].at(-1);
  return {
    frames: frames.slice(1),
    longFrames,
    details,
    isLoafSupported: supported,
    elapsedMs: performance.now() - start,
    lastRowIndex: Number(lastRow?.getAttribute('aria-rowindex') ?? 0),
  };
})()`;

async function browser(workspaceDir: string, runId: string) {
  const server = await startServer({ workspaceDir });
  const browserApp = await chromium.launch(chromiumLaunchOptions());
  try {
    // The measuring scripts are evaluated as text, which the app's CSP (rightly) forbids for
    // its own code; only this harness's context bypasses it.
    const page = await browserApp.newPage({
      viewport: { width: 1400, height: 900 },
      bypassCSP: true,
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await page.addInitScript({ content: observeFirstRows });
    await page.goto(`${server.url}#/compare/${encodeURIComponent(runId)}`);
    await page
      .waitForFunction('window.__firstRowsMs !== undefined', undefined, { timeout: 30_000 })
      .catch(async (error: unknown) => {
        const text = (await page.locator('main').innerText()).slice(0, 400);
        throw new Error(`no rows within 30 s: ${String(error)}\n${problems.join('\n')}\n${text}`);
      });
    const firstRowsMs = await page.evaluate<number>('window.__firstRowsMs');
    const scroll = await page.evaluate<ScrollResult>(scrollThrough(SCROLL_ROWS));
    return { firstRowsMs, scroll };
  } finally {
    await browserApp.close();
    await server.stop();
  }
}

interface LiveResult {
  frames: number[];
  longFrames: number[];
  isLoafSupported: boolean;
  elapsedMs: number;
  status: string;
  figures: string;
}

/**
 * In the page, on a run's page while it executes: every frame's duration until the run's status
 * says it completed (or `timeoutMs` passes), and the long-animation-frame entries.
 */
const watchRun = (timeoutMs: number) => `(async () => {
  const longFrames = [];
  const supported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
  const observer = supported
    ? new PerformanceObserver((list) => list.getEntries().forEach((e) => longFrames.push(e.duration)))
    : null;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  const status = () => document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
  const frames = [];
  const start = performance.now();
  await new Promise((resolve) => {
    let last = performance.now();
    const step = (now) => {
      frames.push(now - last);
      last = now;
      if (status() === 'completed' || now - start > ${timeoutMs}) return resolve();
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  observer?.disconnect();
  return {
    frames: frames.slice(1),
    longFrames,
    isLoafSupported: supported,
    elapsedMs: performance.now() - start,
    status: status(),
    figures: [...(document.querySelector('[data-testid="run-figures"]')?.children ?? [])]
      .map((e) => e.textContent).join(' · '),
  };
})()`;

/**
 * The run page during a 20,000-cell run against the provider simulator on loopback (5 ms
 * latency, concurrency 50): progress events arrive hundreds of times a second, and the page
 * must keep drawing frames.
 */
async function liveProgress(workspaceDir: string): Promise<LiveResult & { cells: number }> {
  const apiKey = 'sk-bench-ui-live';
  const sim = await startSimulator({ latency: 5, apiKey, seed: 1 });
  const server = await startServer({ workspaceDir, env: { OPENAI_API_KEY: apiKey } });
  const browserApp = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browserApp.newPage({
      viewport: { width: 1400, height: 900 },
      bypassCSP: true,
    });
    await page.goto(`${server.url}#/runs`);
    const suite = `version: 1
name: bench-ui-live
dataset: { name: bench-ui }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
${MODELS.map((m) => `  - { id: ${m}, provider: openai, model: ${m}, base_url: '${sim.url}/v1' }`).join('\n')}
params: { max_tokens: 20 }
run: { concurrency: 50, cache: false }
`;
    const reply = await page.request.post(`${server.origin}/api/invoke`, {
      headers: { authorization: `Bearer ${server.token}` },
      data: { route: 'runs.start', input: { suite: { yaml: suite }, plan: { limit: LIVE_ITEMS } } },
    });
    const body = (await reply.json()) as {
      ok: boolean;
      value?: { runId: string; cellCount: number };
      error?: unknown;
    };
    if (!body.ok || !body.value) throw new Error(`runs.start: ${JSON.stringify(body.error)}`);
    await page.goto(`${server.url}#/runs/${encodeURIComponent(body.value.runId)}`);
    await page.waitForSelector('[data-testid="run-status"]', { timeout: 30_000 });
    const result = await page.evaluate<LiveResult>(watchRun(180_000));
    return { ...result, cells: body.value.cellCount };
  } finally {
    await browserApp.close();
    await server.stop();
    await sim.close();
  }
}

async function main() {
  if (!existsSync(join(repoRoot, 'out/renderer/index.html')))
    throw new Error('bench:ui runs the built app: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-ui-'));
  const workspaceDir = join(dir, 'workspace');
  const keyFile = join(dir, 'key');
  try {
    let core = openCore(workspaceDir, keyFile);
    const fillStart = performance.now();
    const runId = fill(core);
    await core.close();
    console.log(
      `bench:ui — ${ITEMS.toLocaleString('en')} items × ${MODELS.length} models = ${(ITEMS * MODELS.length).toLocaleString('en')} cells, 2 scores each (filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s)`,
    );

    core = openCore(workspaceDir, keyFile);
    const q = await coreQueries(core, runId);
    await core.close();
    const p50 = quantile(q.pages, 0.5);
    const p95 = quantile(q.pages, 0.95);
    const max = Math.max(...q.pages);
    console.log('\nCore query (results.grid, 100 rows × 4 models per page)');
    console.log(`  first page (builds the index)      ${fmt(q.first)}`);
    console.log(
      `  further pages  p50 ${fmt(p50)}  p95 ${fmt(p95)}  max ${fmt(max)}   target < ${targets.pageMs} ms  ${verdict(max < targets.pageMs)}`,
    );
    console.log(
      `  regressions ∩ category, first page ${fmt(q.filterFirst)}, next ${fmt(q.filterNext)}`,
    );
    console.log(`  text search over 100k outputs      ${fmt(q.search)}`);
    console.log(
      `  sorted by a score, first page      ${fmt(q.sortFirst)}, page 51 ${fmt(q.sortNext)}`,
    );

    const b = await browser(workspaceDir, runId);
    const frames = b.scroll.frames;
    const worst = Math.max(...frames);
    const over = frames.filter((f) => f >= targets.frameMs).length;
    const worstLoaf = b.scroll.longFrames.length ? Math.max(...b.scroll.longFrames) : 0;
    console.log('\nBrowser (yardstick serve + Debian Chromium, headless)');
    console.log(
      `  navigation → first rows rendered   ${fmt(b.firstRowsMs)}   target < ${targets.firstRowsMs} ms  ${verdict(b.firstRowsMs < targets.firstRowsMs)}`,
    );
    console.log(
      `  scroll ${SCROLL_ROWS.toLocaleString('en')} rows: ${frames.length} frames in ${(b.scroll.elapsedMs / 1000).toFixed(1)} s, reached row ${b.scroll.lastRowIndex.toLocaleString('en')}`,
    );
    console.log(
      `  frame duration  p50 ${fmt(quantile(frames, 0.5))}  p95 ${fmt(quantile(frames, 0.95))}  max ${fmt(worst)}  (${over} ≥ ${targets.frameMs} ms)   target every frame < ${targets.frameMs} ms  ${verdict(worst < targets.frameMs)}`,
    );
    console.log(
      b.scroll.isLoafSupported
        ? `  long-animation-frame entries: ${b.scroll.longFrames.length}, longest ${fmt(worstLoaf)}  ${verdict(worstLoaf < targets.frameMs)}`
        : '  long-animation-frame: not supported by this Chromium',
    );
    for (const d of [...b.scroll.details].sort((x, y) => y.duration - x.duration).slice(0, 5))
      console.log(
        `    ${fmt(d.duration)}: scripts ${fmt(d.scripts)}, style+layout+paint ${fmt(d.layout)} (render ${fmt(d.render)})${d.top ? `, longest script: ${d.top}` : ''}`,
      );

    const live = await liveProgress(workspaceDir);
    const liveWorst = Math.max(...live.frames);
    const liveOver = live.frames.filter((f) => f >= targets.frameMs).length;
    const liveLoaf = live.longFrames.length ? Math.max(...live.longFrames) : 0;
    console.log(
      `\nLive progress: the run page during a ${live.cells.toLocaleString('en')}-cell run against the simulator (5 ms, concurrency 50)`,
    );
    console.log(
      `  ${live.status || 'no status'} after ${(live.elapsedMs / 1000).toFixed(1)} s on the page: ${live.figures.replace(/\s+/g, ' ').trim()}`,
    );
    console.log(
      `  frame duration  p50 ${fmt(quantile(live.frames, 0.5))}  p95 ${fmt(quantile(live.frames, 0.95))}  max ${fmt(liveWorst)}  (${liveOver} of ${live.frames.length} ≥ ${targets.frameMs} ms)   target every frame < ${targets.frameMs} ms  ${verdict(liveWorst < targets.frameMs && live.status === 'completed')}`,
    );
    console.log(
      live.isLoafSupported
        ? `  long-animation-frame entries: ${live.longFrames.length}, longest ${fmt(liveLoaf)}`
        : '  long-animation-frame: not supported by this Chromium',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
