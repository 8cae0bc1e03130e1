/**
 * Reading a portable session file back: the file is checked first (JSON syntax with its line,
 * the schema with each problem's line and field, the checksum of every section, each task's
 * content hash against its content), then merged in one transaction:
 * - an unknown session is created with its tasks (their content kept as a payload);
 * - a known session must ask the same question and hold the same tasks;
 * - removed labels (tombstones) come first: each is recorded here, and removes the label with
 *   its id when the removal is at its last change or later (labelRemoval.ts);
 * - labels merge by id (a newer change wins; nothing is duplicated; a label removed here at its
 *   last change or later is not brought back); the same rater's label on the same task under
 *   another id is a conflict, and the later change is kept;
 * - raters and failure modes are matched by name and created when missing.
 * Removals go first so a label removed and given again (under a new id) on the other laptop
 * replaces the removed one here instead of meeting it as a conflict. The result does not depend
 * on the order files are imported in, and importing a file twice changes nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportResult } from '@contract/routes/labelingSchemas';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import type { LabelingRepo, LabelRow } from '../db/repos/labeling';
import { SuiteSource } from '../suites/parse';
import { hashJson } from '../util/hash';
import { nowIso } from '../util/time';
import { parseConfig, type SessionConfig } from './config';
import { contentHash } from './content';
import { removalWins, removeLabel } from './labelRemoval';
import { failureModeIdFor, raterIdFor } from './people';
import {
  checksummedSections,
  SessionFile,
  SessionFileV1,
  sessionFileFormat,
  sessionFileVersion,
  type PortableLabel,
  type PortableRemovedLabel,
} from './portableFormat';
import { labelingRepo } from './repo';

type Issue = { path: string; message: string };

function syntaxError(text: string, file: string, error: SyntaxError): ApiError {
  const at = /position (\d+)/.exec(error.message);
  let where = '';
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    where = `:${line}:${before.length - before.lastIndexOf('\n')}`;
  }
  return new ApiError('bad_request', `${file}${where}: not valid JSON: ${error.message}`);
}

function refuse(file: string, message: string, issues?: Issue[]): ApiError {
  return new ApiError('bad_request', `${file}: ${message}`, issues);
}

/** Parses and checks a session file; every problem names the file, line and field. */
export function readSessionFile(text: string, file: string): SessionFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, file, error as SyntaxError);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== sessionFileFormat)
    throw refuse(file, `not a Yardstick session file (format is ${JSON.stringify(format)})`);
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > sessionFileVersion)
    throw refuse(
      file,
      `written by a newer Yardstick (format version ${version}); upgrade to import it`,
    );
  const parsed = version === 1 ? SessionFileV1.safeParse(raw) : SessionFile.safeParse(raw);
  if (!parsed.success) {
    const source = new SuiteSource(text, file);
    const issues = parsed.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const at = source.issueAt(path, issue.message);
      return { path: `${file}:${at.line}:${at.column} ${at.path}`, message: issue.message };
    });
    const first = issues[0];
    throw refuse(
      file,
      `not a valid session file: ${first ? `${first.path}: ${first.message}` : 'schema mismatch'}`,
      issues,
    );
  }
  const rawSections = raw as Record<string, unknown>;
  const checksums: Record<string, string> = parsed.data.checksums;
  for (const section of checksummedSections[parsed.data.formatVersion]) {
    if (hashJson(rawSections[section]) !== checksums[section])
      throw refuse(
        file,
        `the checksum of "${section}" does not match: the file was changed or cut short`,
      );
  }
  // A version 1 file predates tombstones: it removes nothing.
  const data: SessionFile =
    parsed.data.formatVersion === 1
      ? {
          ...parsed.data,
          formatVersion: sessionFileVersion,
          removedLabels: [],
          checksums: { ...parsed.data.checksums, removedLabels: hashJson([]) },
        }
      : parsed.data;
  data.tasks.forEach((task, i) => {
    const outputs = task.content.outputs.map((o) => o.text);
    const expected =
      data.session.kind === 'pointwise' && outputs.length === 1
        ? contentHash('pointwise', task.content.input, outputs)
        : data.session.kind === 'pairwise' && outputs.length === 2
          ? contentHash('pairwise', task.content.input, outputs)
          : null;
    if (expected !== task.contentHash)
      throw refuse(file, `tasks[${i}] (${task.id}): its content does not match its content hash`);
  });
  const taskIds = new Set(data.tasks.map((t) => t.id));
  const hashes = new Set(data.tasks.map((t) => t.contentHash));
  data.labels.forEach((label, i) => {
    if (label.taskId !== null && !taskIds.has(label.taskId))
      throw refuse(file, `labels[${i}] (${label.id}): task ${label.taskId} is not in the file`);
    if (!hashes.has(label.contentHash))
      throw refuse(file, `labels[${i}] (${label.id}): it judges content no task of the file holds`);
  });
  data.removedLabels.forEach((removed, i) => {
    const at = `removedLabels[${i}] (${removed.id})`;
    if (removed.taskId !== null && !taskIds.has(removed.taskId))
      throw refuse(file, `${at}: task ${removed.taskId} is not in the file`);
    if (!hashes.has(removed.contentHash))
      throw refuse(file, `${at}: it judged content no task of the file holds`);
  });
  return data;
}

function createSession(repo: LabelingRepo, data: SessionFile, fileName: string | null): number {
  const s = data.session;
  const config: SessionConfig = {
    v: 1,
    runIds: s.runIds,
    models: null,
    pair: null,
    rubric: s.rubric,
    sampling: s.sampling,
    overlap: s.overlap,
    seed: s.seed,
    schemeHash: s.schemeHash,
    sources: s.sources,
    imported: { fileName, importedAt: nowIso() },
  };
  repo.insertSession({
    id: s.id,
    name: s.name,
    kind: s.kind,
    is_blind: s.isBlind ? 1 : 0,
    config: JSON.stringify(config),
    status: s.status,
    created_at: s.createdAt,
  });
  for (const task of data.tasks) {
    repo.insertTask({
      id: task.id,
      session_id: s.id,
      position: task.position,
      cell_id: null,
      cell_b_id: null,
      is_swapped: task.isSwapped ? 1 : 0,
      content_hash: task.contentHash,
      required_ratings: task.requiredRatings,
      payload: JSON.stringify(task.content),
    });
  }
  return data.tasks.length;
}

function checkKnownSession(repo: LabelingRepo, data: SessionFile, file: string): void {
  const local = repo.session(data.session.id);
  if (!local) return;
  const config = parseConfig(local);
  if (local.kind !== data.session.kind || config.schemeHash !== data.session.schemeHash)
    throw new ApiError(
      'conflict',
      `${file}: session ${data.session.id} exists here with another question; not merged`,
    );
  const tasks = new Map(repo.tasks(local.id).map((t) => [t.id, t]));
  for (const task of data.tasks) {
    if (tasks.get(task.id)?.content_hash !== task.contentHash)
      throw new ApiError(
        'conflict',
        `${file}: task ${task.id} differs from session ${local.id} here; not merged`,
      );
  }
}

/**
 * One removal of the file: recorded here (so it travels on from this workspace), and the label
 * with its id removed when it was last changed at the removal or before. Returns whether a label
 * was removed. `givenAgainAt` is when the file's own label with this id last changed, if it holds
 * one: when that is later than the removal, the label pass brings its value instead.
 */
function mergeRemoval(
  repo: LabelingRepo,
  data: SessionFile,
  removed: PortableRemovedLabel,
  raterId: string,
  givenAgainAt: string | undefined,
): boolean {
  const local = repo.label(removed.id);
  const givenAgain = givenAgainAt !== undefined && !removalWins(removed.removedAt, givenAgainAt);
  if (local && !givenAgain && removalWins(removed.removedAt, local.updated_at)) {
    removeLabel(repo, local, removed.removedAt);
    return true;
  }
  repo.recordTombstone({
    label_id: removed.id,
    task_id: removed.taskId,
    session_id: removed.taskId === null ? null : data.session.id,
    rater_id: local?.rater_id ?? raterId,
    content_hash: removed.contentHash,
    scheme_hash: data.session.schemeHash,
    removed_at: removed.removedAt,
  });
  return false;
}

type Outcome = 'added' | 'updated' | 'unchanged' | 'conflict';

function mergeLabel(
  repo: LabelingRepo,
  data: SessionFile,
  label: PortableLabel,
  ids: { rater: string; tags: string },
): Outcome {
  const values = {
    score: label.score,
    choice: label.choice,
    isPass: label.isPass,
    note: label.note,
    tags: ids.tags,
    updatedAt: label.updatedAt,
  };
  const newer = (row: LabelRow) => label.updatedAt > row.updated_at;
  // Removed here at its last change or later: this file is older than the removal.
  const removed = repo.tombstone(label.id);
  if (removed && removalWins(removed.removed_at, label.updatedAt)) return 'unchanged';
  const byId = repo.label(label.id);
  if (byId) {
    if (!newer(byId)) return 'unchanged';
    repo.updateLabelValues(byId.id, values);
    return 'updated';
  }
  const sameTask = label.taskId === null ? undefined : repo.labelOfTask(label.taskId, ids.rater);
  if (sameTask) {
    if (newer(sameTask)) repo.updateLabelValues(sameTask.id, values);
    return 'conflict';
  }
  repo.insertLabel({
    id: label.id,
    taskId: label.taskId,
    sessionId: label.taskId === null ? null : data.session.id,
    raterId: ids.rater,
    contentHash: label.contentHash,
    schemeHash: data.session.schemeHash,
    ...values,
    createdAt: label.createdAt,
  });
  return 'added';
}

export function importSessionText(
  ctx: CoreContext,
  text: string,
  fileName: string | null,
): ImportResult {
  const file = fileName ?? 'session file';
  const data = readSessionFile(text, file);
  const repo = labelingRepo(ctx);
  checkKnownSession(repo, data, file);
  const counts = { added: 0, updated: 0, unchanged: 0, conflict: 0 };
  let removedHere = 0;
  const ratersAdded: string[] = [];
  const modesAdded: string[] = [];
  let isNewSession = false;
  let tasksAdded = 0;
  repo.transaction(() => {
    if (!repo.session(data.session.id)) {
      isNewSession = true;
      tasksAdded = createSession(repo, data, fileName);
    }
    const modeIds = new Map<string, string>();
    for (const mode of data.failureModes) {
      const { id, isNew } = failureModeIdFor(repo, mode.name, mode.description);
      modeIds.set(mode.name, id);
      if (isNew) modesAdded.push(mode.name);
    }
    const raterIds = new Map<string, string>();
    const raterOf = (name: string): string => {
      let id = raterIds.get(name);
      if (!id) {
        const found = raterIdFor(repo, name);
        if (found.isNew) ratersAdded.push(name);
        raterIds.set(name, (id = found.id));
      }
      return id;
    };
    const fileLabelTimes = new Map(data.labels.map((l) => [l.id, l.updatedAt]));
    for (const removed of data.removedLabels) {
      const rater = raterOf(removed.rater);
      if (mergeRemoval(repo, data, removed, rater, fileLabelTimes.get(removed.id))) removedHere++;
    }
    for (const label of data.labels) {
      const rater = raterOf(label.rater);
      const tags = label.tags.map((name) => {
        const known = modeIds.get(name) ?? failureModeIdFor(repo, name).id;
        modeIds.set(name, known);
        return known;
      });
      counts[
        mergeLabel(repo, data, label, { rater, tags: JSON.stringify([...new Set(tags)].sort()) })
      ]++;
    }
  });
  ctx.events.emit('labeling.sessionsChanged', { sessionId: data.session.id });
  return {
    sessionId: data.session.id,
    sessionName: data.session.name,
    isNewSession,
    tasksAdded,
    labelsAdded: counts.added,
    labelsUpdated: counts.updated,
    labelsUnchanged: counts.unchanged,
    labelsRemoved: removedHere,
    conflicts: counts.conflict,
    ratersAdded,
    failureModesAdded: modesAdded,
  };
}

/** Largest session file read from disk (the text route is bounded by the transport). */
const maxFileBytes = 512 * 1024 * 1024;

export function importSessionFile(ctx: CoreContext, path: string): ImportResult {
  let text: string;
  try {
    const buffer = readFileSync(path);
    if (buffer.length > maxFileBytes)
      throw new ApiError('bad_request', `${path}: larger than ${maxFileBytes / 1024 ** 2} MB`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('bad_request', `${path}: cannot be read (${(error as Error).message})`);
  }
  return importSessionText(ctx, text, basename(path));
}
