/**
 * SQL is written with the `sql` tagged template: interpolated values become `?`
 * parameters, never text. This is the only way queries are built in the core.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export interface SqlQuery {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlQuery {
  return { text: strings.join('?'), params: values };
}

/** Booleans are stored as 0/1 in STRICT tables. */
export function bit(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
