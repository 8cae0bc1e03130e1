/**
 * Reading a portable session file back: the file is checked first (JSON syntax with its line,
 * the schema with each problem's line and field, the checksum of every section, each task's
 * content hash against its content), then merged in one transaction:
 * - an unknown session is created with its tasks (their content kept as a payload);
 * - a known session must ask the same question and hold the same tasks;
 * - labels merge by id (a newer change wins; nothing is duplicated); the same rater's label
 *   on the same task under another id is a conflict, and the later change is kept;
 * - raters and failure modes are matched by name and created when missing.
 * Merging adds and updates; it never deletes a label.
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
import { failureModeIdFor, raterIdFor } from './people';
import { SessionFile, type PortableLabel } from './portableFormat';
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
  if (format !== 'yardstick.labeling-session')
    throw refuse(file, `not a Yardstick session file (format is ${JSON.stringify(format)})`);
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > 1)
    throw refuse(
      file,
      `written by a newer Yardstick (format version ${version}); upgrade to import it`,
    );
  const parsed = SessionFile.safeParse(raw);
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
  const data = parsed.data;
  const rawSections = raw as Record<string, unknown>;
  for (const section of ['session', 'tasks', 'labels', 'failureModes'] as const) {
    if (hashJson(rawSections[section]) !== data.checksums[section])
      throw refuse(
        file,
        `the checksum of "${section}" does not match: the file was changed or cut short`,
      );
  }
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
    for (const label of data.labels) {
      let rater = raterIds.get(label.rater);
      if (!rater) {
        const found = raterIdFor(repo, label.rater);
        if (found.isNew) ratersAdded.push(label.rater);
        raterIds.set(label.rater, (rater = found.id));
      }
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
