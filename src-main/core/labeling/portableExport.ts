/** Writing a session as one portable file (see portableFormat.ts and docs/labeling.md). */
import type { ExportedSession } from '@contract/routes/labelingSchemas';
import type { CoreContext } from '../context';
import { sha256Hex } from '../util/hash';
import { nowIso } from '../util/time';
import { loadSession } from './config';
import { parseTags } from './labels';
import {
  checksumsOf,
  sessionFileFormat,
  sessionFileVersion,
  type ChecksummedSections,
  type PortableLabel,
  type PortableRemovedLabel,
  type PortableTask,
  type SessionFile,
} from './portableFormat';
import { labelingRepo } from './repo';
import { contentOf } from './taskContent';

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session'
  );
}

export function buildSessionFile(ctx: CoreContext, sessionId: string): SessionFile {
  const repo = labelingRepo(ctx);
  const { row, config } = loadSession(repo, sessionId);
  const isBlind = row.is_blind === 1;
  const tasks: PortableTask[] = repo.taskContents(sessionId).map((t) => {
    const content = contentOf(t);
    return {
      id: t.id,
      position: t.position,
      contentHash: t.content_hash,
      isSwapped: t.is_swapped === 1,
      requiredRatings: t.required_ratings,
      content: {
        itemKey: content.itemKey,
        category: content.category,
        inputFormat: content.inputFormat,
        input: content.input,
        reference: content.reference,
        // A blind session stays blind on the other laptop: no model names in the file.
        outputs: content.outputs.map((o) => ({ text: o.text, model: isBlind ? null : o.model })),
      },
    };
  });
  const taskIds = new Set(tasks.map((t) => t.id));
  const modeNames = new Map(repo.failureModes().map((m) => [m.id, m]));
  const usedModes = new Set<string>();
  const labels: PortableLabel[] = repo.labelsForSession(sessionId, config.schemeHash).map((l) => {
    const tags = parseTags(l.tags).flatMap((id) => {
      const mode = modeNames.get(id);
      if (!mode) return [];
      usedModes.add(id);
      return [mode.name];
    });
    return {
      id: l.id,
      taskId: l.task_id !== null && taskIds.has(l.task_id) ? l.task_id : null,
      rater: l.rater,
      contentHash: l.content_hash,
      score: l.score,
      choice: l.choice,
      isPass: l.is_pass === null ? null : l.is_pass === 1,
      note: l.note,
      tags,
      createdAt: l.created_at,
      updatedAt: l.updated_at,
    };
  });
  const removedLabels: PortableRemovedLabel[] = repo
    .tombstonesForSession(sessionId, config.schemeHash)
    .map((t) => ({
      id: t.label_id,
      taskId: t.task_id !== null && taskIds.has(t.task_id) ? t.task_id : null,
      rater: t.rater,
      contentHash: t.content_hash,
      removedAt: t.removed_at,
    }));
  const sections: ChecksummedSections = {
    format: sessionFileFormat,
    formatVersion: sessionFileVersion,
    exportedAt: nowIso(),
    appVersion: ctx.appVersion,
    session: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      isBlind,
      status: row.status,
      createdAt: row.created_at,
      rubric: config.rubric,
      sampling: config.sampling,
      overlap: config.overlap,
      seed: config.seed,
      schemeHash: config.schemeHash,
      runIds: config.runIds,
      sources: config.sources,
    },
    tasks,
    labels,
    failureModes: [...usedModes].map((id) => {
      const mode = modeNames.get(id) as { name: string; description: string | null };
      return { name: mode.name, description: mode.description };
    }),
    removedLabels,
  };
  return { ...sections, checksums: checksumsOf(sections) };
}

export function exportSession(ctx: CoreContext, sessionId: string): ExportedSession {
  const file = buildSessionFile(ctx, sessionId);
  const text = `${JSON.stringify(file, null, 1)}\n`;
  return {
    fileName: `${slug(file.session.name)}-${file.exportedAt.slice(0, 10)}.yardstick-session.json`,
    text,
    bytes: Buffer.byteLength(text),
    checksum: sha256Hex(text),
    tasks: file.tasks.length,
    labels: file.labels.length,
  };
}
