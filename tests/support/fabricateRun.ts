/**
 * Builds a finished run without the engine: a frozen dataset version, the suite text, the run,
 * its cells and their responses, written through real repositories into the test core's
 * SQLite file. Scoring and statistics tests describe exactly the outputs they need.
 */
import { writeFrozenVersion, type NewItem } from '@core/datasets/versionWriter';
import type { Core } from '@core/host';
import { FabricationRepo, type FabricatedResponse } from '@core/scoring/fabricationRepo';
import { storeSuiteText } from '@core/suites/storeSuite';
import { hashJson } from '@core/util/hash';
import { newId } from '@core/util/ids';

export interface FabricatedItem {
  key: string;
  input: string;
  reference?: string | null;
  category?: string | null;
  groupId?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
}

export interface FabricatedCell {
  itemKey: string;
  modelKey: string;
  promptKey?: string;
  repeat?: number;
  /** The response text; null with an errorClass for a failed request; undefined for a cell never sent. */
  output?: string | null;
  errorClass?: string;
  latencyMs?: number;
  ttftMs?: number;
  tokensPerSecond?: number;
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  isCached?: boolean;
  isColdStart?: boolean;
}

export interface FabricateRunOptions {
  /** Dataset name; items are written once per name (later runs reuse the frozen version). */
  datasetName?: string;
  items: FabricatedItem[];
  suiteYaml: string;
  cells: FabricatedCell[];
  runName?: string;
  status?: 'completed' | 'failed' | 'cancelled';
  /** Epoch ms of the first request; requests are spaced by their latency. */
  startedAtMs?: number;
}

export interface FabricatedRun {
  runId: string;
  versionId: string;
  cellIds: string[];
}

const versions = new WeakMap<Core, Map<string, string>>();

function datasetVersion(core: Core, name: string, items: FabricatedItem[]): string {
  const known = versions.get(core) ?? new Map<string, string>();
  versions.set(core, known);
  const existing = known.get(name);
  if (existing) return existing;
  const { db, repos } = core.context;
  const written = writeFrozenVersion(db, repos.datasets, {
    datasetName: name,
    source: { fabricated: true },
    items: items.map((item): NewItem => ({
      key: item.key,
      input: item.input,
      reference: item.reference ?? null,
      category: item.category ?? null,
      groupId: item.groupId ?? null,
      tags: item.tags ?? [],
      metadata: item.metadata ?? {},
      hasPersonalData: false,
    })),
  });
  known.set(name, written.versionId);
  return written.versionId;
}

export function fabricateRun(core: Core, options: FabricateRunOptions): FabricatedRun {
  const { db, repos } = core.context;
  const repo = new FabricationRepo(db);
  const versionId = datasetVersion(core, options.datasetName ?? 'fabricated', options.items);
  const suite = storeSuiteText({ repos }, options.suiteYaml, null);
  const itemIds = repo.itemIds(versionId);
  const runId = newId('run');
  const createdAt = new Date(
    options.startedAtMs ?? Date.parse('2026-01-01T00:00:00Z'),
  ).toISOString();
  const manifest = {
    datasetVersionId: versionId,
    suiteContentHash: suite.contentHash,
    fabricated: true,
  };
  const cellIds: string[] = [];
  repo.transaction(() => {
    repo.insertRun({
      id: runId,
      name: options.runName ?? 'fabricated run',
      suiteId: suite.id,
      versionId,
      status: options.status ?? 'completed',
      manifest: JSON.stringify(manifest),
      manifestHash: hashJson(manifest),
      createdAt,
    });
    for (const modelKey of new Set(options.cells.map((c) => c.modelKey))) {
      repo.insertRunModel({
        runId,
        modelKey,
        providerKind: 'openai-compatible',
        model: modelKey,
        params: '{}',
      });
    }
    let clock = options.startedAtMs ?? Date.parse('2026-01-01T00:00:00Z');
    options.cells.forEach((cell, ordinal) => {
      const itemId = itemIds.get(cell.itemKey);
      if (itemId === undefined)
        throw new Error(`fabricateRun: no item "${cell.itemKey}" in the dataset`);
      const id = `${runId}:${ordinal}`;
      cellIds.push(id);
      const sent = cell.output !== undefined || cell.errorClass !== undefined;
      const status = !sent ? 'pending' : cell.errorClass ? 'error' : 'done';
      repo.insertCell({
        id,
        runId,
        itemId,
        promptKey: cell.promptKey ?? 'p1',
        modelKey: cell.modelKey,
        repeat: cell.repeat ?? 0,
        ordinal,
        status,
        at: createdAt,
      });
      if (!sent) return;
      const latency = cell.latencyMs ?? 100;
      const response: FabricatedResponse = {
        output: cell.errorClass ? null : (cell.output ?? null),
        latencyMs: cell.errorClass ? null : latency,
        ttftMs: cell.errorClass ? null : (cell.ttftMs ?? null),
        tokensPerSecond: cell.tokensPerSecond ?? null,
        inputTokens: cell.inputTokens ?? null,
        outputTokens: cell.outputTokens ?? null,
        costUsd: cell.costUsd ?? null,
        errorClass: cell.errorClass ?? null,
        isCached: cell.isCached ?? false,
        isColdStart: cell.isColdStart ?? false,
        startedAt: new Date(clock).toISOString(),
        createdAt: new Date(clock + latency).toISOString(),
      };
      clock += latency;
      repo.insertResponse(id, response);
    });
  });
  return { runId, versionId, cellIds };
}
