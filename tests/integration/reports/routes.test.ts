import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteOutput } from '@contract/index';
import type { Core } from '@core/host';
import { exportRun } from '@core/runner/export';
import { summarizeRun } from '@core/scoring/analysis/summary';
import { compareRuns } from '@core/scoring/analysis/compare';
import { call, openTestCore } from '../../support/core';
import { fabricateResultsRun } from '../../support/fabricateResults';
import { useTempDir } from '../../support/tempDir';

const tempDir = useTempDir('yardstick-reports-');
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function seeded() {
  const dir = tempDir();
  const core = openTestCore(dir);
  cores.push(core);
  const runId = await fabricateResultsRun(core);
  return { dir, core, runId };
}

/** Waits for a job to end and returns how it ended. */
async function jobEnd(core: Core, jobId: string) {
  for (;;) {
    const job = core.context.jobs.get(jobId);
    if (job && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('reports.charts', () => {
  it('puts the cheapest good-enough models on the Pareto frontier and bins the percentile latencies', async () => {
    const { core, runId } = await seeded();
    const charts = await call<RouteOutput<'reports.charts'>>(core, 'reports.charts', {
      runId,
      bins: 20,
    });
    const summary = summarizeRun(core.context, runId);
    const answer = charts.costQuality.find((c) => c.scorerKey === 'answer')!;
    // small < medium < large on both cost and accuracy: nobody is dominated.
    expect(answer.frontier).toEqual(['small', 'medium', 'large']);
    for (const p of answer.points) {
      const m = summary.models.find((x) => x.modelKey === p.modelKey)!;
      expect(p.costPerSuccessUsd).toBe(m.operational.costPerSuccessUsd?.estimate);
      expect(p.quality).toEqual(m.scorers.find((s) => s.scorerKey === 'answer')!.passRate);
    }
    expect(charts.latency.binEdgesMs).toHaveLength(21);
    for (const m of charts.latency.models) {
      const latency = summary.models.find((x) => x.modelKey === m.modelKey)!.latency;
      expect(m.n).toBe(latency.n);
      expect(m.histogram.reduce((a, b) => a + b, 0)).toBe(latency.n);
      expect(m.cdf.at(-1)?.share).toBe(1);
      // The CDF crosses one half at the median the summary reports.
      const median = m.cdf.find((p) => p.share >= 0.5)!.ms;
      expect(Math.abs(median - (latency.p50.estimate as number))).toBeLessThanOrEqual(20);
    }
  });

  it('drops a dominated model from the frontier', async () => {
    const dir = tempDir();
    const core = openTestCore(dir);
    cores.push(core);
    const runId = await fabricateResultsRun(core, { models: ['small', 'pricey'] });
    const charts = await call<RouteOutput<'reports.charts'>>(core, 'reports.charts', { runId });
    const answer = charts.costQuality.find((c) => c.scorerKey === 'answer')!;
    expect(answer.frontier).toEqual(['small']);
    expect(answer.points.find((p) => p.modelKey === 'pricey')?.isPareto).toBe(false);
    const bad = await core.dispatch('reports.charts', { runId: 'run_nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('reports.pairwise', () => {
  it('runs the paired test of scoring.compare for every pair and Holm-adjusts across pairs', async () => {
    const { core, runId } = await seeded();
    const matrix = await call<RouteOutput<'reports.pairwise'>>(core, 'reports.pairwise', {
      runId,
      scorerKey: 'answer',
    });
    expect(matrix.models).toEqual(['large', 'medium', 'small']);
    expect(matrix.pairs.map((p) => `${p.baseline}>${p.candidate}`)).toEqual([
      'large>medium',
      'large>small',
      'medium>small',
    ]);
    for (const pair of matrix.pairs) {
      const direct = compareRuns(core.context, {
        baselineRunId: runId,
        candidateRunId: runId,
        baselineModel: pair.baseline,
        candidateModel: pair.candidate,
      }).scorers.find((s) => s.scorerKey === 'answer')!;
      expect(pair.difference).toEqual(direct.difference);
      expect(pair.pValue).toBe(direct.test.pValue);
      expect(pair.test).toBe('mcnemar-exact');
      expect(pair.adjustedPValue!).toBeGreaterThanOrEqual(pair.pValue!);
    }
    const ls = matrix.pairs.find((p) => p.candidate === 'small' && p.baseline === 'large')!;
    expect(ls.isSignificant).toBe(true);
    expect(ls.difference.estimate!).toBeLessThan(0);
    const bad = await core.dispatch('reports.pairwise', { runId, scorerKey: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('reports.trends', () => {
  it("follows the suite's finished runs in time order with the summary's estimates", async () => {
    const dir = tempDir();
    const core = openTestCore(dir);
    cores.push(core);
    const first = await fabricateResultsRun(core, {
      runName: 'january',
      startedAtMs: Date.parse('2026-01-05T00:00:00Z'),
    });
    const second = await fabricateResultsRun(core, {
      runName: 'february',
      startedAtMs: Date.parse('2026-02-05T00:00:00Z'),
      models: ['small'],
    });
    const trends = await call<RouteOutput<'reports.trends'>>(core, 'reports.trends', {
      runId: second,
    });
    expect(trends.suiteName).toBe('support triage');
    expect(trends.runs.map((r) => r.runId)).toEqual([first, second]);
    const summary = summarizeRun(core.context, first);
    const point = trends.points.find(
      (p) => p.runId === first && p.modelKey === 'medium' && p.scorerKey === 'answer',
    )!;
    expect(point.estimate).toEqual(
      summary.models.find((m) => m.modelKey === 'medium')!.scorers[0]!.passRate,
    );
    expect(trends.points.filter((p) => p.runId === second)).toHaveLength(2);
    const limited = await call<RouteOutput<'reports.trends'>>(core, 'reports.trends', {
      runId: second,
      limit: 1,
    });
    expect(limited.runs.map((r) => r.runId)).toEqual([second]);
  });
});

describe('reports.criteria', () => {
  it('evaluates every candidate as scoring.decide would, without storing anything', async () => {
    const { core, runId } = await seeded();
    const preview = await call<RouteOutput<'reports.criteria'>>(core, 'reports.criteria', {
      runId,
    });
    expect(preview.hasCriteria).toBe(true);
    expect(preview.candidates.map((c) => c.modelKey)).toEqual(['large', 'medium', 'small']);
    expect(await call(core, 'scoring.decisions', { runId })).toEqual([]);
    const stored = await call<RouteOutput<'scoring.decide'>>(core, 'scoring.decide', {
      runId,
      modelKey: 'medium',
    });
    const medium = preview.candidates.find((c) => c.modelKey === 'medium')!.decision;
    expect(medium.verdict).toBe(stored.verdict);
    expect(medium.criteria).toEqual(stored.criteria);
    expect(medium.weightedScore).toBe(stored.weightedScore);
    const small = preview.candidates.find((c) => c.modelKey === 'small')!.decision;
    expect(small.verdict).toBe('dont_ship');
    const reweighted = await call<RouteOutput<'reports.criteria'>>(core, 'reports.criteria', {
      runId,
      weights: { 'latency.p95_ms': 0 },
    });
    const large = reweighted.candidates.find((c) => c.modelKey === 'large')!.decision;
    expect(large.criteria.find((c) => c.metric === 'latency.p95_ms')!.weight).toBe(0);
  });
});

describe('a baseline run with several models', () => {
  it('asks which model, then records it in the decision, its preview and its report', async () => {
    const { core, runId: baselineRunId } = await seeded();
    const runId = await fabricateResultsRun(core, { runName: 'candidate run' });
    const unsaid = await core.dispatch('scoring.decide', {
      runId,
      modelKey: 'large',
      baselineRunId,
    });
    expect(unsaid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(JSON.stringify(unsaid)).toContain('3 models (large, medium, small): say which');
    const decision = await call<RouteOutput<'scoring.decide'>>(core, 'scoring.decide', {
      runId,
      modelKey: 'large',
      baselineRunId,
      baselineModel: 'small',
    });
    expect(decision).toMatchObject({ baselineRunId, baselineModel: 'small' });
    const [stored] = await call<RouteOutput<'scoring.decisions'>>(core, 'scoring.decisions', {
      runId,
    });
    expect(stored).toEqual(decision);
    const preview = await call<RouteOutput<'reports.criteria'>>(core, 'reports.criteria', {
      runId,
      baselineRunId,
      baselineModel: 'small',
    });
    const large = preview.candidates.find((c) => c.modelKey === 'large')!.decision;
    expect(large.baselineModel).toBe('small');
    expect(large.criteria).toEqual(decision.criteria);
    const report = await call<RouteOutput<'reports.html'>>(core, 'reports.html', {
      runId,
      decisionId: decision.id,
      destination: { kind: 'download' },
    });
    // The report compares against the decision's baseline model (without it, comparing with a
    // three-model baseline run is refused).
    expect(report.html).toContain('Candidate large (candidate run) vs baseline small (triage run)');
    const unknown = await core.dispatch('reports.criteria', {
      runId,
      baselineRunId,
      baselineModel: 'huge',
    });
    expect(JSON.stringify(unknown)).toContain('has no model \\"huge\\"');
  });
});

describe('reports.html', () => {
  it('renders a stored decision with its verdict, to a file or for download', async () => {
    const { dir, core, runId } = await seeded();
    const decision = await call<RouteOutput<'scoring.decide'>>(core, 'scoring.decide', {
      runId,
      modelKey: 'large',
    });
    const download = await call<RouteOutput<'reports.html'>>(core, 'reports.html', {
      runId,
      decisionId: decision.id,
      destination: { kind: 'download' },
    });
    expect(download.verdict).toBe(decision.verdict);
    expect(download.fileName).toBe('triage-run-report.html');
    expect(download.html).toContain(`<span class="verdict ${decision.verdict}">`);
    expect(download.html).not.toMatch(/<script/);
    const path = join(dir, 'out', 'report.html');
    const missingFolder = await core.dispatch('reports.html', {
      runId,
      decisionId: decision.id,
      destination: { kind: 'file', path },
    });
    expect(missingFolder).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    mkdirSync(join(dir, 'out'));
    const written = await call<RouteOutput<'reports.html'>>(core, 'reports.html', {
      runId,
      decisionId: decision.id,
      destination: { kind: 'file', path },
    });
    expect(written).toMatchObject({ path, html: null, verdict: decision.verdict });
    const undated = (html: string) => html.replace(/generated \S+ by/, 'generated … by');
    expect(undated(readFileSync(path, 'utf8'))).toBe(undated(download.html!));
    const again = await core.dispatch('reports.html', {
      runId,
      decisionId: decision.id,
      destination: { kind: 'file', path },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknown = await core.dispatch('reports.html', {
      runId,
      decisionId: 'dc_nope',
      destination: { kind: 'download' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('reports.exportResults', () => {
  it('writes the rows of `yardstick export` through a job, to a file with provenance or for download', async () => {
    const { dir, core, runId } = await seeded();
    let expected = '';
    exportRun(core.context, runId, 'csv', (chunk) => (expected += String(chunk)));
    const path = join(dir, 'results.csv');
    const started = await call<RouteOutput<'reports.exportResults'>>(
      core,
      'reports.exportResults',
      {
        runId,
        format: 'csv',
        destination: { kind: 'file', path },
      },
    );
    expect(started.downloadId).toBeNull();
    expect((await jobEnd(core, started.jobId)).status).toBe('completed');
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(Papa.parse(expected, { header: true, skipEmptyLines: true }).data).toHaveLength(270);
    const provenance = JSON.parse(readFileSync(`${path}.provenance.json`, 'utf8')) as {
      runId: string;
      rows: number;
    };
    expect(provenance).toMatchObject({ runId, rows: 270 });
    expect(existsSync(`${path}.part`)).toBe(false);

    const jsonl = await call<RouteOutput<'reports.exportResults'>>(core, 'reports.exportResults', {
      runId,
      format: 'jsonl',
      destination: { kind: 'download' },
    });
    const early = await core.dispatch('reports.download', { downloadId: jsonl.downloadId });
    // Either still running (conflict) or already done: never a partial file.
    if (!early.ok) expect(early.error.code).toBe('conflict');
    else {
      expect(early.value).toMatchObject({ nextOffset: null });
    }
    expect((await jobEnd(core, jsonl.jobId)).status).toBe('completed');
    if (!early.ok) {
      const chunk = await call<RouteOutput<'reports.download'>>(core, 'reports.download', {
        downloadId: jsonl.downloadId,
      });
      expect(chunk.nextOffset).toBeNull();
      expect(chunk.mimeType).toBe('application/x-ndjson');
      const lines = Buffer.from(chunk.base64, 'base64').toString('utf8').trim().split('\n');
      expect(lines).toHaveLength(270);
      expect(JSON.parse(lines[0]!)).toMatchObject({ model_key: 'small', item_key: 'q000' });
    }
    // Read once: the file is gone.
    const gone = await core.dispatch('reports.download', { downloadId: jsonl.downloadId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The provenance file comes as its own download, the same as the one saved next to a file.
    expect(started.provenanceDownloadId).toBeNull();
    const sidecar = await call<RouteOutput<'reports.download'>>(core, 'reports.download', {
      downloadId: jsonl.provenanceDownloadId,
    });
    expect(sidecar.fileName).toBe(`${jsonl.fileName}.provenance.json`);
    const downloaded = JSON.parse(Buffer.from(sidecar.base64, 'base64').toString('utf8')) as {
      exportedAt: string;
    };
    const saved = JSON.parse(readFileSync(`${path}.provenance.json`, 'utf8')) as {
      exportedAt: string;
    };
    expect({ ...downloaded, exportedAt: null }).toEqual({ ...saved, exportedAt: null });
  });

  it('writes Parquet with the manifest hash, and refuses to overwrite unless asked', async () => {
    const { dir, core, runId } = await seeded();
    const path = join(dir, 'results.parquet');
    writeFileSync(path, 'old');
    const refused = await core.dispatch('reports.exportResults', {
      runId,
      format: 'parquet',
      destination: { kind: 'file', path },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const started = await call<RouteOutput<'reports.exportResults'>>(
      core,
      'reports.exportResults',
      {
        runId,
        format: 'parquet',
        destination: { kind: 'file', path, overwrite: true },
      },
    );
    expect((await jobEnd(core, started.jobId)).status).toBe('completed');
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = await parquetReadObjects({ file });
    expect(rows).toHaveLength(270);
    const meta = parquetMetadata(file);
    expect(meta.key_value_metadata?.find((k) => k.key === 'yardstick.run_id')?.value).toBe(runId);
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const { dir, core, runId } = await seeded();
    const path = join(dir, 'cancelled.jsonl');
    const started = await call<RouteOutput<'reports.exportResults'>>(
      core,
      'reports.exportResults',
      {
        runId,
        format: 'jsonl',
        destination: { kind: 'file', path },
      },
    );
    // Cancel before the first page is read: the job checks between pages.
    expect(await call(core, 'jobs.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    expect((await jobEnd(core, started.jobId)).status).toBe('cancelled');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });
});
