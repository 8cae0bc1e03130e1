import { ulid } from 'ulid';

/** Kinds of stored things and the prefix their ids carry, so an id says what it is. */
const prefixes = {
  dataset: 'ds',
  datasetVersion: 'dv',
  suite: 'su',
  run: 'run',
  prompt: 'pt',
  provider: 'pv',
  rater: 'ra',
  session: 'ls',
  task: 'lt',
  label: 'lb',
  decision: 'dc',
  failureMode: 'fm',
  job: 'job',
} as const;

export type IdKind = keyof typeof prefixes;

/** A new time-sortable id such as `ds_01JD3…`. */
export function newId(kind: IdKind): string {
  return `${prefixes[kind]}_${ulid().toLowerCase()}`;
}
