/**
 * The source side of `yardstick merge`: opens shard workspaces read-only, finds their shard
 * runs and checks that they belong together before anything is written to the target.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Db, type OpenOptions } from '../db/connection';
import { migrations } from '../db/migrations';
import { workspaceFiles } from '../workspace/paths';
import { parseManifest, type RunManifest } from './manifest';
import { ShardSourceRepo, type SourceRunRow } from './mergeRepo';

/**
 * Why a merge was refused. `source`: a path is not a readable workspace of this version, or
 * holds no shard run; `mismatch`: the shard runs do not belong together (or are incomplete);
 * `already_merged`: the target already holds a merge of exactly these shard runs.
 */
export class MergeRefusedError extends Error {
  override name = 'MergeRefusedError';
  constructor(
    readonly reason: 'source' | 'mismatch' | 'already_merged',
    message: string,
    readonly existingRunId: string | null = null,
  ) {
    super(message);
  }
}

/** A source workspace, open read-only until `close`. */
export interface ShardSource {
  /** The path as given (for messages). */
  path: string;
  /** The SQLite file opened. */
  file: string;
  db: Db;
  repo: ShardSourceRepo;
}

/** One shard run found in a source workspace. */
export interface ShardRun {
  source: ShardSource;
  run: SourceRunRow;
  manifest: RunManifest;
  shard: { index: number; count: number };
  settledCells: number;
}

function databaseFileOf(path: string): string {
  if (!existsSync(path))
    throw new MergeRefusedError('source', `${path}: no such workspace folder or file`);
  const file = statSync(path).isDirectory() ? workspaceFiles(path).database : path;
  if (!existsSync(file))
    throw new MergeRefusedError(
      'source',
      `${path}: not a Yardstick workspace (no workspace.sqlite in it)`,
    );
  return realpathSync(file);
}

/**
 * Opens each path (a workspace folder or its `workspace.sqlite`) read-only and checks it was
 * written by this version of Yardstick (same migrations): rows are copied column for column.
 * The target's own file is refused (it is written, and the sources must stay untouched).
 */
export function openShardSources(
  paths: readonly string[],
  targetFile: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): ShardSource[] {
  const target = existsSync(targetFile) ? realpathSync(targetFile) : targetFile;
  const opened: ShardSource[] = [];
  try {
    const seen = new Map<string, string>();
    for (const path of paths) {
      const file = databaseFileOf(path);
      if (file === target)
        throw new MergeRefusedError(
          'source',
          `${path} is the target workspace: merge into a different --workspace`,
        );
      const twice = seen.get(file);
      if (twice !== undefined)
        throw new MergeRefusedError('source', `${path} and ${twice} are the same workspace`);
      seen.set(file, path);
      let db: Db;
      try {
        db = new Db(file, { ...options, readonly: true });
      } catch (error) {
        throw new MergeRefusedError(
          'source',
          `${path}: cannot open ${file}: ${String(error)}${walWithoutIndexHint(file)}`,
        );
      }
      const source = { path, file, db, repo: new ShardSourceRepo(db) };
      opened.push(source);
      checkSchema(source);
    }
    return opened;
  } catch (error) {
    for (const source of opened) source.db.close();
    throw error;
  }
}

/**
 * A copy with its -wal but without its -shm (the WAL's index) is read fine when SQLite can
 * rebuild the index next to it; in a folder it may not write to, opening fails. Says so.
 */
function walWithoutIndexHint(file: string): string {
  if (!existsSync(`${file}-wal`) || existsSync(`${file}-shm`)) return '';
  return (
    `. It has a ${basename(file)}-wal file but no -shm file, which SQLite must create next to ` +
    'it to read the WAL: copy the workspace folder somewhere writable and merge that copy'
  );
}

function checkSchema(source: ShardSource) {
  let applied: Array<{ id: number; name: string }>;
  try {
    applied = source.repo.appliedMigrations();
  } catch (error) {
    throw new MergeRefusedError(
      'source',
      `${source.path}: cannot read ${source.file} as a Yardstick workspace (${String(error)})` +
        walWithoutIndexHint(source.file),
    );
  }
  const same =
    applied.length === migrations.length &&
    applied.every((row, i) => row.id === migrations[i]?.id && row.name === migrations[i]?.name);
  if (!same)
    throw new MergeRefusedError(
      'source',
      `${source.path}: written by another version of Yardstick (schema ${applied.length}, this ` +
        `build has ${migrations.length}); open it once with this version (e.g. \`yardstick ` +
        `--workspace ${source.path} list\`) or merge with the version that wrote it`,
    );
}

/**
 * Every shard run (planned with `--shard`) of the sources, or only the runs named in `only`
 * (a workspace may hold a retried shard next to the failed first attempt); a source without
 * one is refused, as is a named run found in none of them.
 */
export function findShardRuns(
  sources: readonly ShardSource[],
  only: ReadonlySet<string> | null = null,
): ShardRun[] {
  const runs: ShardRun[] = [];
  for (const source of sources) {
    const all = source.repo.shardRuns();
    const rows = only ? all.filter((run) => only.has(run.id)) : all;
    if (rows.length === 0)
      throw new MergeRefusedError(
        'source',
        only && all.length > 0
          ? `${source.path}: none of its shard runs (${all.map((r) => r.id).join(', ')}) is one of the --run ids`
          : `${source.path}: no shard run in this workspace (runs planned with \`run --shard i/n\`)`,
      );
    for (const run of rows) {
      const manifest = parseManifest(run.manifest);
      const shard = manifest.dataset.shard;
      if (!shard) continue;
      runs.push({
        source,
        run,
        manifest,
        shard,
        settledCells: source.repo.settledCells(run.id),
      });
    }
  }
  const unknown = [...(only ?? [])].filter((id) => !runs.some((r) => r.run.id === id));
  if (unknown.length > 0)
    throw new MergeRefusedError(
      'source',
      `--run ${unknown.join(', ')}: no such shard run in ${sources.map((s) => s.path).join(', ')}`,
    );
  return runs;
}

const where = (r: ShardRun) =>
  `${r.source.path}: run ${r.run.id} (shard ${r.shard.index}/${r.shard.count})`;

/** What must be equal between shards of one plan, with how to name a difference. */
const sameness: ReadonlyArray<[what: string, of: (m: RunManifest) => unknown]> = [
  ['suite hash', (m) => m.suite.contentHash],
  ['dataset version hash', (m) => m.dataset.contentHash],
  ['shard count', (m) => m.dataset.shard?.count],
  ['item limit', (m) => m.dataset.limit],
  ['repeats', (m) => m.repeats],
  ['prompts', (m) => m.prompts.map((p) => `${p.id}:${p.contentHash}`).join(',')],
  [
    'models',
    (m) =>
      // Not the endpoint: the same model may be served from another address (or GGUF path) per machine.
      JSON.stringify(m.models.map((x) => [x.id, x.provider.kind, x.model, x.params, x.stream])),
  ],
  ['scorers', (m) => m.scorers.map((s) => `${s.id}:${s.configHash}`).join(',')],
];

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[0-9a-f]{64}$/.test(text) ? `${text.slice(0, 12)}…` : text;
}

/**
 * Checks that the shard runs are one plan split n ways: same suite, dataset version, shard
 * count (and limit, repeats, prompts, models, scorers), each index 1..n once and completed.
 * With `allowPartial`, missing shards and unfinished shards are accepted. Returns the runs in
 * shard order and the missing indexes.
 */
export function checkShardsBelongTogether(
  runs: readonly ShardRun[],
  allowPartial: boolean,
): { runs: ShardRun[]; missing: number[] } {
  const first = runs[0];
  if (!first) throw new MergeRefusedError('source', 'no shard runs to merge');
  for (const run of runs.slice(1)) {
    for (const [what, of] of sameness) {
      if (JSON.stringify(of(run.manifest)) === JSON.stringify(of(first.manifest))) continue;
      throw new MergeRefusedError(
        'mismatch',
        `${where(run)} has a different ${what} (${short(of(run.manifest))}) than ${where(first)} ` +
          `(${short(of(first.manifest))}): shards of one merge must come from the same plan`,
      );
    }
  }
  const byIndex = new Map<number, ShardRun>();
  for (const run of runs) {
    const other = byIndex.get(run.shard.index);
    if (other)
      throw new MergeRefusedError(
        'mismatch',
        `shard ${run.shard.index}/${run.shard.count} twice: ${where(other)} and ${where(run)}; ` +
          'name the runs to merge with --run',
      );
    byIndex.set(run.shard.index, run);
  }
  const count = first.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0 && !allowPartial)
    throw new MergeRefusedError(
      'mismatch',
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} ` +
        `(have ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')}); ` +
        'pass their workspaces too, or --allow-partial to merge what is there',
    );
  const unfinished = runs.find((r) => r.run.status !== 'completed');
  if (unfinished && !allowPartial)
    throw new MergeRefusedError(
      'mismatch',
      `${where(unfinished)} is ${unfinished.run.status}, not completed: finish it with ` +
        `\`yardstick --workspace ${unfinished.source.path} resume ${unfinished.run.id}\`, or ` +
        'merge with --allow-partial (its pending cells stay pending; resume the merged run)',
    );
  return { runs: [...byIndex.values()].sort((a, b) => a.shard.index - b.shard.index), missing };
}
