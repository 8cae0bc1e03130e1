/** A numbered, forward-only schema change. Never edit one that has shipped; add a new one. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  /** Static DDL, run in one transaction. */
  readonly up: string;
}
