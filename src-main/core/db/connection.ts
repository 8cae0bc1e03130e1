import Database from 'better-sqlite3';
import type { SqlQuery } from './sql';

export interface OpenOptions {
  /**
   * Path to a better_sqlite3.node built for the running runtime. Electron passes the
   * copy built for its ABI; Node (tests, CLI, browser mode) uses the default build.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * One connection to the workspace database. The core keeps a single writer connection:
 * every write goes through `transaction`, which begins IMMEDIATE so concurrent readers
 * (other processes, the CLI) never see a half-written batch.
 */
export class Db {
  readonly raw: Database.Database;
  /** The options it was opened with: a second connection (e.g. in a worker) needs the binding. */
  readonly openOptions: Readonly<OpenOptions>;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, options: OpenOptions = {}) {
    this.openOptions = { ...options };
    this.raw = new Database(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      readonly: options.readonly ?? false,
    });
    // WAL keeps readers off the writer's back and makes each commit durable against a
    // process crash; NORMAL sync is the documented safe pairing with WAL.
    if (!options.readonly) this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma('busy_timeout = 5000');
  }

  private statement(query: SqlQuery): Database.Statement {
    let stmt = this.statements.get(query.text);
    if (!stmt) {
      stmt = this.raw.prepare(query.text);
      this.statements.set(query.text, stmt);
    }
    return stmt;
  }

  all<T>(query: SqlQuery): T[] {
    return this.statement(query).all(...query.params) as T[];
  }

  get<T>(query: SqlQuery): T | undefined {
    return this.statement(query).get(...query.params) as T | undefined;
  }

  run(query: SqlQuery): Database.RunResult {
    return this.statement(query).run(...query.params);
  }

  /** Iterates rows without loading them all (exports, large scans). */
  iterate<T>(query: SqlQuery): IterableIterator<T> {
    return this.statement(query).iterate(...query.params) as IterableIterator<T>;
  }

  /** Runs `fn` in a BEGIN IMMEDIATE transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  /** Executes trusted, static DDL (migrations only). */
  exec(ddl: string): void {
    this.raw.exec(ddl);
  }

  close(): void {
    this.statements.clear();
    if (this.raw.open) this.raw.close();
  }
}
