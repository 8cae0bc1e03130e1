/**
 * One grid row in full: the item, and for each output the prompt as sent (rendered with the
 * engine's own template code), the output, every score with the judge's verdict and reasoning
 * (through the scoring and labeling readers), people's labels, and the measurements.
 */
import type { DetailOutput, DetailScore, RowDetail } from '@contract/routes/results';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { readingOf } from '../labeling/judgeReadings';
import { parseTags } from '../labeling/labels';
import { isJudgeScorer } from '../labeling/runScorers';
import { ScoringRepo } from '../scoring/repo';
import { parseSuite } from '../suites/parse';
import { compilePrompt, renderMessages } from '../suites/template';
import type { DetailCellRow } from './repo';
import { resultsRepo } from './service';

const bool = (v: number | null) => (v === null ? null : v === 1);

type Messages = Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;

/**
 * The run's stored prompt template; a run written without one (an imported or fabricated run)
 * falls back to the prompt its suite declares under that key.
 */
function promptMessages(
  ctx: CoreContext,
  scoring: ScoringRepo,
  cell: DetailCellRow,
): Messages | null {
  const stored = ctx.repos.runs.prompts(cell.run_id).find((p) => p.prompt_key === cell.prompt_key);
  if (stored) return JSON.parse(stored.content) as Messages;
  const run = scoring.run(cell.run_id);
  const suite = run ? scoring.suite(run.suite_id) : undefined;
  if (!suite) return null;
  const parsed = parseSuite(suite.yaml, suite.source_path ?? `${suite.name}.yaml`);
  if (!parsed.ok) return null;
  const prompt = parsed.suite.prompts.find((p) => p.id === cell.prompt_key);
  return prompt ? prompt.messages : null;
}

function renderedPrompt(
  ctx: CoreContext,
  scoring: ScoringRepo,
  cell: DetailCellRow,
): string | null {
  try {
    const messages = promptMessages(ctx, scoring, cell);
    if (!messages) return null;
    const rendered = renderMessages(compilePrompt({ id: cell.prompt_key, messages }), {
      key: cell.item_key,
      inputFormat: cell.input_format,
      input: cell.input,
      reference: cell.reference,
      category: cell.category,
      metadata: JSON.parse(cell.metadata) as Record<string, unknown>,
    });
    return rendered.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  } catch (error) {
    return `(the prompt could not be rendered: ${String(error)})`;
  }
}

function scoresOf(scoring: ScoringRepo, cellId: string): DetailScore[] {
  return scoring.scoresOfCell(cellId).map((s) => {
    const isJudge = isJudgeScorer(s.scorer_id);
    const reading = isJudge
      ? readingOf({
          cellId,
          value: s.automated_value,
          isPass: bool(s.automated_is_pass),
          details: s.details,
          costUsd: s.cost_usd,
          error: s.error,
        })
      : null;
    return {
      scorerKey: s.scorer_key,
      scorerType: s.scorer_id,
      isJudge,
      value: s.value,
      isPass: bool(s.is_pass),
      automatedIsPass: bool(s.automated_is_pass),
      error: s.error,
      isOverridden: s.is_overridden === 1,
      reasoning: reading?.reasoning ?? null,
      costUsd: s.cost_usd,
    };
  });
}

export function rowDetail(ctx: CoreContext, cellIds: readonly string[]): RowDetail {
  const repo = resultsRepo(ctx);
  const cells = repo.detailCells(cellIds);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const missing = cellIds.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new ApiError('not_found', `no cell ${missing.join(', ')}`);
  const first = byId.get(cellIds[0] as string) as DetailCellRow;
  const scoring = new ScoringRepo(ctx.db);
  const labels = repo.labelsOfCells(cellIds);
  const modes = repo.failureModesOfCells(cellIds);
  const outputs = cellIds.map((id): DetailOutput => {
    const c = byId.get(id) as DetailCellRow;
    return {
      cellId: c.id,
      runId: c.run_id,
      runName: c.run_name,
      modelKey: c.model_key,
      promptKey: c.prompt_key,
      repeat: c.repeat,
      status: c.status,
      renderedPrompt: renderedPrompt(ctx, scoring, c),
      output: c.output,
      errorClass: c.error_class,
      errorMessage: c.error_message,
      latencyMs: c.latency_ms,
      ttftMs: c.ttft_ms,
      inputTokens: c.input_tokens,
      outputTokens: c.output_tokens,
      isTokenEstimate: c.is_token_estimate === 1,
      costUsd: c.cost_usd,
      isCached: c.is_cached === 1,
      scores: scoresOf(scoring, c.id),
      labels: labels
        .filter((l) => l.cell_id === c.id)
        .map((l) => ({
          labelId: l.id,
          rater: l.rater,
          sessionName: l.session_name,
          score: l.score,
          isPass: bool(l.is_pass),
          choice: l.choice,
          role: l.role,
          note: l.note,
          tags: parseTags(l.tags),
          updatedAt: l.updated_at,
        })),
      failureModeIds: modes.filter((m) => m.cell_id === c.id).map((m) => m.failure_mode_id),
    };
  });
  return {
    itemKey: first.item_key,
    category: first.category,
    input: first.input,
    reference: first.reference,
    tags: repo.itemTagsOf(first.id),
    outputs,
  };
}
