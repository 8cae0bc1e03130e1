/** Which judges can be checked against a session: judge scorers of its runs that scored its outputs. */
import type { CalibrationOptions, JudgeSource } from '@contract/routes/calibrationSchemas';
import type { CoreContext } from '../context';
import { loadSession } from './config';
import { readingsFromScores, readingsFromVariant, type JudgeReading } from './judgeReadings';
import { judgeVariantsRepo, labelingRepo } from './repo';
import { runScorers } from './runScorers';

function costPerItem(readings: readonly JudgeReading[]): number | null {
  const costs = readings.map((r) => r.costUsd).filter((c): c is number => c !== null);
  return costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0) / costs.length;
}

export function calibrationOptions(ctx: CoreContext, sessionId: string): CalibrationOptions {
  const repo = labelingRepo(ctx);
  const variantRepo = judgeVariantsRepo(ctx);
  const session = loadSession(repo, sessionId);
  const kind = session.row.kind;
  const wanted = kind === 'pairwise' ? 'judge-pairwise' : 'judge-rubric';
  const tasks = repo.tasks(sessionId);
  const cells = new Set(tasks.flatMap((t) => [t.cell_id, t.cell_b_id]).filter((c) => c !== null));
  const runs = new Map(repo.runs(session.config.runIds).map((r) => [r.id, r]));
  const notes: string[] = [];
  if (session.config.imported)
    notes.push(
      'This session came from a file: its outputs belong to runs of another workspace, so judges are compared there.',
    );
  const judges: JudgeSource[] = [];
  for (const runId of session.config.runIds) {
    const run = runs.get(runId);
    if (!run) continue;
    for (const scorer of runScorers(ctx, runId).values()) {
      if (scorer.spec.type !== wanted) continue;
      const scored = [...readingsFromScores(ctx, runId, scorer.key).values()].filter((r) =>
        cells.has(r.cellId),
      );
      judges.push({
        runId,
        runName: run.name,
        scorerKey: scorer.key,
        scorerType: scorer.spec.type,
        scored: scored.length,
        costPerItemUsd: costPerItem(scored),
        variants: variantRepo.variants(sessionId, runId, scorer.key).map((v) => {
          const readings = [...readingsFromVariant(variantRepo, v.id).values()];
          return {
            id: v.id,
            name: v.name,
            status: v.status,
            scored: readings.filter((r) => r.error === null).length,
            error: v.error,
            costPerItemUsd: costPerItem(readings),
            createdAt: v.created_at,
          };
        }),
        params: scorer.params as Record<string, unknown>,
      });
    }
  }
  if (judges.length === 0 && !session.config.imported)
    notes.push(`No ${wanted} scorer in the runs of this session.`);
  return {
    sessionId,
    kind,
    measures:
      kind === 'pairwise'
        ? ['choice']
        : session.config.rubric.passFail
          ? ['score', 'pass']
          : ['score'],
    judges,
    notes,
  };
}
