import type { WorkspaceCheck } from '@contract/routes/workspaceCare';
import type { Db } from '../db/connection';
import { WorkspaceCheckRepo, type ForeignKeyRow, type SchemaObject } from './repo';

/** Messages `integrity_check` returns at most; past that the workspace needs a restore anyway. */
const maxIntegrityMessages = 200;
const sampleRowids = 5;

/**
 * The table an `integrity_check` message is about, when it names one: directly ("NULL value
 * in cells.status", "CHECK constraint failed in runs"), through an index ("row 3 missing from
 * index idx_cells_run"), or through the root page of a b-tree ("Tree 12 page 40 cell 3: …").
 */
export function tableOfMessage(message: string, schema: readonly SchemaObject[]): string | null {
  const byName = new Map(schema.map((o) => [o.name, o.table]));
  const named = /\bin table (\w+)|\bNULL value in (\w+)\.|\bin (\w+)\.\w+ value\b/.exec(message);
  const table = named?.[1] ?? named?.[2] ?? named?.[3];
  if (table && byName.has(table)) return byName.get(table) ?? table;
  const index = /\bindex (\w+)/.exec(message)?.[1];
  if (index && byName.has(index)) return byName.get(index) ?? null;
  const tree = /\bTree (\d+) page/.exec(message)?.[1];
  if (tree) {
    const root = Number(tree);
    return schema.find((o) => o.rootpage === root)?.table ?? null;
  }
  return null;
}

function groupForeignKeys(rows: readonly ForeignKeyRow[]): WorkspaceCheck['foreignKeys'] {
  const groups = new Map<string, WorkspaceCheck['foreignKeys'][number]>();
  for (const row of rows) {
    const key = `${row.table}\u0000${row.parent}`;
    let group = groups.get(key);
    if (!group) {
      group = { table: row.table, parent: row.parent, rows: 0, sampleRowids: [] };
      groups.set(key, group);
    }
    group.rows++;
    if (row.rowid !== null && group.sampleRowids.length < sampleRowids)
      group.sampleRowids.push(row.rowid);
  }
  return [...groups.values()].sort(
    (a, b) => a.table.localeCompare(b.table) || a.parent.localeCompare(b.parent),
  );
}

function attempt(
  what: string,
  check: () => WorkspaceCheck['integrity'],
): WorkspaceCheck['integrity'] {
  try {
    return check();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
    return [{ table: null, message: `${what} could not finish: ${message} (${code})` }];
  }
}

/** Where a check is: `integrity_check` reports nothing until it ends; foreign keys go by table. */
export type CheckProgress =
  { phase: 'integrity' } | { phase: 'foreignKeys'; tablesDone: number; tablesTotal: number };

/**
 * SQLite's own checks of the workspace database: `integrity_check` (b-trees, indexes, NOT
 * NULL and CHECK constraints) and `foreign_key_check` (references to rows that are gone),
 * each problem named by the table it concerns. Reads only. Synchronous: the app runs it in a
 * worker thread on its own connection (checkJob.ts).
 */
export function checkWorkspace(
  db: Db,
  onProgress: (progress: CheckProgress) => void = () => undefined,
): WorkspaceCheck {
  const started = performance.now();
  const repo = new WorkspaceCheckRepo(db);
  const schema = repo.schemaObjects();
  const tables = schema.filter((o) => o.type === 'table').map((o) => o.name);
  onProgress({ phase: 'integrity' });
  // A damaged file can make a check itself fail (SQLITE_CORRUPT): that is a finding too.
  const integrity = attempt('integrity_check', () => {
    const messages = repo.integrityMessages(maxIntegrityMessages);
    return messages.length === 1 && messages[0] === 'ok'
      ? []
      : messages.map((message) => ({ table: tableOfMessage(message, schema), message }));
  });
  let foreignKeys: WorkspaceCheck['foreignKeys'] = [];
  const unfinished = attempt('foreign_key_check', () => {
    // Table by table (the same rows as the whole-database pragma), to say how far it is.
    const rows: ForeignKeyRow[] = [];
    tables.forEach((table, done) => {
      onProgress({ phase: 'foreignKeys', tablesDone: done, tablesTotal: tables.length });
      rows.push(...repo.foreignKeyViolationsOf(table));
    });
    onProgress({ phase: 'foreignKeys', tablesDone: tables.length, tablesTotal: tables.length });
    foreignKeys = groupForeignKeys(rows);
    return [];
  });
  integrity.push(...unfinished);
  return {
    isHealthy: integrity.length === 0 && foreignKeys.length === 0,
    integrity,
    foreignKeys,
    tablesChecked: tables.length,
    elapsedMs: performance.now() - started,
  };
}
