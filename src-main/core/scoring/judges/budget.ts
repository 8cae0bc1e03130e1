/**
 * The judge budget: before any call, estimate what judging a run will cost (prompt tokens ×
 * input price + the reply allowance × output price, per call) and, when that exceeds the
 * budget, pick the cheapest judge that fits, or judge a seeded sample, and say which.
 */
import { countTokens } from 'gpt-tokenizer';
import { createRandom, shuffled } from '../../stats/random';
import { judgeName, type JudgeSpec } from './schema';

export interface JudgePrice {
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
}

export interface BudgetInput {
  judges: readonly JudgeSpec[];
  fallbackJudges: readonly JudgeSpec[];
  onOverBudget: 'cheaper-judge' | 'sample' | 'refuse';
  budgetUsd: number | undefined;
  maxOutputTokens: number;
  /** Calls per cell per judge (pairwise judges call twice: both orders). */
  callsPerCell: number;
  prompts: ReadonlyArray<{ cellId: string; text: string }>;
  price: (judge: JudgeSpec) => JudgePrice | null;
  seed: string;
}

export interface JudgePlan {
  judges: JudgeSpec[];
  /** Cells to judge when sampling; null = every cell. */
  sample: Set<string> | null;
  estimatedCostUsd: number | null;
  /** Estimated cost of the panel as configured, before any budget change. */
  requestedCostUsd: number | null;
  note: string | null;
}

/** Prompt tokens of every cell, counted exactly on up to 200 prompts and extrapolated by characters. */
export function estimatePromptTokens(prompts: ReadonlyArray<{ text: string }>): number {
  if (prompts.length === 0) return 0;
  const sample = prompts.slice(0, 200);
  const tokens = sample.reduce((s, p) => s + countTokens(p.text), 0);
  const chars = sample.reduce((s, p) => s + p.text.length, 0);
  const allChars = prompts.reduce((s, p) => s + p.text.length, 0);
  return chars === 0 ? tokens : Math.round((tokens / chars) * allChars);
}

function panelCost(
  judges: readonly JudgeSpec[],
  input: BudgetInput,
  promptTokens: number,
  cells: number,
): number | null {
  let total = 0;
  for (const judge of judges) {
    const price = input.price(judge);
    if (!price) return null;
    total +=
      (input.callsPerCell *
        (promptTokens * price.inputUsdPerMTok +
          cells * input.maxOutputTokens * price.outputUsdPerMTok)) /
      1e6;
  }
  return total;
}

export function planJudges(input: BudgetInput): JudgePlan {
  const promptTokens = estimatePromptTokens(input.prompts);
  const cells = input.prompts.length;
  const requested = panelCost(input.judges, input, promptTokens, cells);
  const base = {
    judges: [...input.judges],
    sample: null,
    estimatedCostUsd: requested,
    requestedCostUsd: requested,
  };
  if (input.budgetUsd === undefined) return { ...base, note: null };
  if (requested === null) {
    const unpriced = input.judges
      .filter((j) => !input.price(j))
      .map(judgeName)
      .join(', ');
    return { ...base, note: `budget not enforced: no price is known for ${unpriced}` };
  }
  if (requested <= input.budgetUsd) return { ...base, note: null };
  const over = `estimated $${requested.toFixed(4)} exceeds the budget of $${input.budgetUsd.toFixed(4)}`;
  if (input.onOverBudget === 'refuse')
    throw new Error(`judge ${over}; raise budgetUsd or use a cheaper judge`);
  const candidates = [...input.judges, ...input.fallbackJudges]
    .map((judge) => ({ judge, cost: panelCost([judge], input, promptTokens, cells) }))
    .filter((c): c is { judge: JudgeSpec; cost: number } => c.cost !== null)
    .sort((a, b) => a.cost - b.cost);
  const cheapest = candidates[0];
  if (input.onOverBudget === 'cheaper-judge' && cheapest && cheapest.cost <= input.budgetUsd) {
    return {
      ...base,
      judges: [cheapest.judge],
      estimatedCostUsd: cheapest.cost,
      note: `${over}: judged by the cheaper ${judgeName(cheapest.judge)} alone ($${cheapest.cost.toFixed(4)})`,
    };
  }
  // 'sample' keeps the configured panel; 'cheaper-judge' samples with the cheapest judge.
  const useCheapest = input.onOverBudget === 'cheaper-judge' && cheapest !== undefined;
  const panel = useCheapest ? [cheapest.judge] : [...input.judges];
  const fullCost = useCheapest ? cheapest.cost : requested;
  const share = Math.max(0, Math.min(1, input.budgetUsd / fullCost));
  const size = Math.floor(share * cells);
  const chosen = shuffled(
    input.prompts.map((p) => p.cellId),
    createRandom(`${input.seed}:judge-sample`),
  ).slice(0, size);
  return {
    ...base,
    judges: panel,
    sample: new Set(chosen),
    estimatedCostUsd: fullCost * (cells ? size / cells : 0),
    note: `${over}: judged a seeded random sample of ${size} of ${cells} cells with ${panel.map(judgeName).join(', ')}`,
  };
}
