import { z } from 'zod';

export const JudgeSpec = z.strictObject({
  provider: z
    .string()
    .min(1)
    .describe(
      'A provider kind (openai, anthropic, local, …), an OpenAI-compatible preset, or a configured provider label.',
    ),
  model: z.string().min(1).describe("The judge model's id."),
  base_url: z
    .url()
    .optional()
    .describe('Override the endpoint (OpenAI-compatible servers), as for suite models.'),
  config: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Extra provider configuration, validated by the provider kind.'),
  label: z.string().min(1).optional().describe('A short name for this judge in results.'),
});
export type JudgeSpec = z.infer<typeof JudgeSpec>;

export function judgeName(judge: JudgeSpec): string {
  return judge.label ?? `${judge.provider}/${judge.model}`;
}

/** Budget options shared by the judge scorers. */
export const BudgetOptions = {
  budgetUsd: z
    .number()
    .min(0)
    .optional()
    .describe('Most this scorer may spend on one run, estimated before any call.'),
  fallbackJudges: z
    .array(JudgeSpec)
    .default([])
    .describe('Cheaper judges that may replace the panel when the estimate exceeds the budget.'),
  onOverBudget: z
    .enum(['cheaper-judge', 'sample', 'refuse'])
    .default('cheaper-judge')
    .describe(
      'Over budget: use the cheapest judge that fits (else a sample), judge a seeded sample, or refuse.',
    ),
  maxOutputTokens: z.number().int().min(16).max(8192).default(400),
  concurrency: z.number().int().min(1).max(64).default(4).describe('Judge calls in flight.'),
};
