/**
 * The portable session file: one JSON document holding a session, its tasks with the content
 * they judge (so it can be rated on a laptop without the runs), its labels, the failure modes
 * they use, the labels removed (tombstones, so an undo travels too), and a SHA-256 checksum of
 * each section over its RFC 8785 canonical JSON. Ids are kept (ULIDs are unique across
 * machines), which is what lets labels merge back without duplicates. Raters and failure modes
 * travel by name.
 *
 * Version 2 added `removedLabels`; a version 1 file (without it) is still read, as having none.
 */
import { z } from 'zod';
import { Overlap, Rubric, Sampling } from '@contract/routes/labelingSchemas';
import { hashJson } from '../util/hash';
import { TaskPayload } from './taskContent';

export const sessionFileFormat = 'yardstick.labeling-session';
export const sessionFileVersion = 2;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');
const Iso = z.string().min(1);

export const PortableSession = z.object({
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(200),
  kind: z.enum(['pointwise', 'pairwise']),
  isBlind: z.boolean(),
  status: z.enum(['open', 'closed']),
  createdAt: Iso,
  rubric: Rubric,
  sampling: Sampling,
  overlap: Overlap,
  seed: z.string(),
  schemeHash: Sha256,
  runIds: z.array(z.string()),
  sources: z.array(z.object({ runId: z.string().nullable(), modelKey: z.string() })),
});

export const PortableTask = z.object({
  id: z.string().min(1).max(80),
  position: z.number().int().min(0),
  contentHash: Sha256,
  isSwapped: z.boolean(),
  requiredRatings: z.number().int().min(1).max(10),
  content: TaskPayload,
});
export type PortableTask = z.infer<typeof PortableTask>;

export const PortableLabel = z.object({
  id: z.string().min(1).max(80),
  /** The task of this session it was given on; null for a label inherited from another session. */
  taskId: z.string().nullable(),
  rater: z.string().min(1).max(100),
  contentHash: Sha256,
  score: z.number().nullable(),
  /** Canonical order: 'a' is the task's first output. */
  choice: z.enum(['a', 'b', 'tie', 'both_bad']).nullable(),
  isPass: z.boolean().nullable(),
  note: z.string().nullable(),
  /** Failure-mode names. */
  tags: z.array(z.string()),
  createdAt: Iso,
  updatedAt: Iso,
});
export type PortableLabel = z.infer<typeof PortableLabel>;

export const PortableFailureMode = z.object({
  name: z.string().min(1).max(100),
  description: z.string().nullable(),
});

/** A label removed (by undo) where the file was written: it is removed wherever it is older. */
export const PortableRemovedLabel = z.object({
  id: z.string().min(1).max(80),
  /** The task of this session it was given on; null for a label inherited from another session. */
  taskId: z.string().nullable(),
  rater: z.string().min(1).max(100),
  contentHash: Sha256,
  /** Same clock and format as a label's updatedAt. */
  removedAt: Iso,
});
export type PortableRemovedLabel = z.infer<typeof PortableRemovedLabel>;

const sectionsV1 = {
  format: z.literal(sessionFileFormat),
  exportedAt: Iso,
  appVersion: z.string(),
  session: PortableSession,
  tasks: z.array(PortableTask),
  labels: z.array(PortableLabel),
  failureModes: z.array(PortableFailureMode),
};
const checksumsV1 = { session: Sha256, tasks: Sha256, labels: Sha256, failureModes: Sha256 };

/** A file written before tombstones travelled. */
export const SessionFileV1 = z.object({
  ...sectionsV1,
  formatVersion: z.literal(1),
  checksums: z.object(checksumsV1),
});

export const SessionFile = z.object({
  ...sectionsV1,
  formatVersion: z.literal(sessionFileVersion),
  removedLabels: z.array(PortableRemovedLabel),
  checksums: z.object({ ...checksumsV1, removedLabels: Sha256 }),
});
export type SessionFile = z.infer<typeof SessionFile>;

/** The sections each version checksums, in the order they are checked. */
export const checksummedSections = {
  1: ['session', 'tasks', 'labels', 'failureModes'],
  2: ['session', 'tasks', 'labels', 'failureModes', 'removedLabels'],
} as const satisfies Record<1 | typeof sessionFileVersion, readonly (keyof SessionFile)[]>;

export type ChecksummedSections = Omit<SessionFile, 'checksums'>;

export function checksumsOf(file: ChecksummedSections): SessionFile['checksums'] {
  return {
    session: hashJson(file.session),
    tasks: hashJson(file.tasks),
    labels: hashJson(file.labels),
    failureModes: hashJson(file.failureModes),
    removedLabels: hashJson(file.removedLabels),
  };
}
