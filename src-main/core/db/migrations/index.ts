import { migration0001 } from './0001_workspace';
import { migration0002 } from './0002_runs';
import { migration0003 } from './0003_scoring';
import { migration0004 } from './0004_labeling';
import { migration0005 } from './0005_dataset_privacy';
import { migration0006 } from './0006_labeling_sessions';
import { migration0007 } from './0007_compare_grid';
import { migration0008 } from './0008_decision_baseline_model';
import { migration0009 } from './0009_label_tombstones';
import { migration0010 } from './0010_suite_drafts';
import { migration0011 } from './0011_cell_cascade_indexes';
import { migration0012 } from './0012_run_removal_mark';
import { migration0013 } from './0013_dataset_removal';
import type { Migration } from './types';

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
];

export type { Migration };
