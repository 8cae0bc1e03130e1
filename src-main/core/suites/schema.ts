import { z } from 'zod';

/**
 * The suite format (evaluation-as-code), version 1. Every object is strict: an unknown key is
 * an error, so a misspelt option never silently does nothing. The same schema is published as
 * `schemas/suite.schema.json` (`npm run schema:suite`) and drives editor completion, so every
 * field carries a description.
 */

/** Ids of prompts, models and scorers: short, stable, safe in file names and CSV headers. */
export const SuiteKey = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'use 1–64 letters, digits, "_", "-" or "." (starting with a letter or digit)',
  );

export const SamplingParamsSpec = z
  .strictObject({
    temperature: z.number().min(0).max(2).optional().describe('Sampling temperature, 0–2.'),
    top_p: z.number().gt(0).max(1).optional().describe('Nucleus sampling mass, (0, 1].'),
    max_tokens: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('Upper bound on generated tokens.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe('Sampling seed. Repeat r (0-based) is sent seed + r.'),
    stop: z
      .array(z.string().min(1))
      .max(16)
      .optional()
      .describe('Stop sequences: generation ends at the first one produced.'),
  })
  .describe(
    'Sampling parameters. Top-level params apply to every model unless the model overrides them.',
  );
export type SamplingParamsSpec = z.infer<typeof SamplingParamsSpec>;

export const DatasetVersionRef = z
  .union([
    z.literal('latest'),
    z.number().int().min(1),
    z.string().regex(/^sha256:[0-9a-f]{64}$/, 'write sha256: followed by 64 lowercase hex digits'),
  ])
  .describe('"latest" (the newest frozen version), a version number, or sha256:<content hash>.');

export const DatasetSpec = z
  .strictObject({
    name: z.string().min(1).describe('Name of a dataset in the workspace.'),
    version: DatasetVersionRef.default('latest'),
    limit: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Use only the first N items of the version (in stored order).'),
  })
  .describe('The frozen dataset version every model is evaluated on.');

export const ChatMessageSpec = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z
    .string()
    .min(1)
    .describe(
      'Message text. Variables: {{input}}, {{reference}}, {{category}}, {{key}}, {{metadata.<name>}}.',
    ),
});

export const PromptSpec = z
  .strictObject({
    id: SuiteKey.describe('Stable id of this prompt template.'),
    description: z.string().optional(),
    messages: z.array(ChatMessageSpec).min(1).describe('The chat messages sent for each item.'),
  })
  .describe('A prompt template. Several templates measure prompt sensitivity.');

export const ModelSpec = z
  .strictObject({
    id: SuiteKey.describe('Stable id of this candidate in results (e.g. "gpt-4o-mini-t0").'),
    provider: z
      .string()
      .min(1)
      .describe(
        'A provider kind (openai, anthropic, local, …) or the label of a configured provider.',
      ),
    model: z
      .string()
      .min(1)
      .describe("The provider's model id (for local: a GGUF path or default)."),
    params: SamplingParamsSpec.optional(),
    base_url: z.url().optional().describe('Override the endpoint (OpenAI-compatible servers).'),
    stream: z
      .boolean()
      .optional()
      .describe('Stream responses (measures time to first token). Default: run.stream.'),
    config: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Extra provider configuration, validated by the provider kind.'),
  })
  .describe('A candidate model.');
export type ModelSpec = z.infer<typeof ModelSpec>;

export const ScorerSpec = z
  .strictObject({
    id: SuiteKey.describe('Stable id of this scorer in results (criteria refer to it).'),
    type: z.string().min(1).describe('A scorer type from the scorer registry.'),
    field: z
      .string()
      .min(1)
      .optional()
      .describe('Score this field of a JSON output instead of the whole text.'),
    config: z.record(z.string(), z.unknown()).optional().describe('Scorer parameters.'),
  })
  .describe('A scorer applied to every response.');
export type ScorerSpec = z.infer<typeof ScorerSpec>;

const Bound = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .describe('A range: min and/or max.');

export const CriterionSpec = z
  .strictObject({
    metric: z
      .string()
      .min(1)
      .describe(
        'A metric reference such as label.pass_rate, latency.p95_ms or cost.per_success_usd.',
      ),
    acceptable: Bound.optional().describe('The range a shippable model must reach.'),
    ideal: Bound.optional().describe('The range of an ideal model.'),
    weight: z.number().min(0).default(1).describe('Weight in the weighted score.'),
    gate: z.boolean().default(false).describe('A hard gate: failing it means do not ship.'),
  })
  .describe('A decision criterion.');
export type CriterionSpec = z.infer<typeof CriterionSpec>;

export const ProviderLimitsSpec = z
  .strictObject({
    concurrency: z.number().int().min(1).max(1000).optional().describe('Requests in flight.'),
    rpm: z.number().min(1).optional().describe('Requests per minute.'),
    tpm: z.number().min(1).optional().describe('Tokens per minute (input + max output).'),
  })
  .describe('Limits for one provider (kind or configured label).');
export type ProviderLimitsSpec = z.infer<typeof ProviderLimitsSpec>;

export const RunOptionsSpec = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(8)
      .describe('Default requests in flight per provider.'),
    providers: z
      .record(z.string(), ProviderLimitsSpec)
      .default({})
      .describe('Per-provider limits, keyed by provider kind or label.'),
    timeout_ms: z
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(60_000)
      .describe('Per-request timeout.'),
    retries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(3)
      .describe('Retries of a failed request (429, 5xx, network, timeout, malformed).'),
    cache: z.boolean().default(true).describe('Reuse stored responses of identical requests.'),
    stream: z.boolean().default(true).describe('Stream responses where the provider can.'),
    shuffle: z.boolean().default(true).describe('Send cells in a seeded random order.'),
    shuffle_seed: z
      .number()
      .int()
      .min(0)
      .max(4_294_967_295)
      .optional()
      .describe('Seed of the order (default: derived from the run id; always recorded).'),
    circuit_breaker: z
      .strictObject({
        failures: z.number().int().min(1).default(8).describe('Consecutive failures that open it.'),
        cooldown_ms: z.number().int().min(0).default(15_000).describe('Pause before a probe.'),
        max_opens: z
          .number()
          .int()
          .min(1)
          .default(4)
          .describe('Times it may open without a success before the rest fail as unavailable.'),
      })
      .prefault({})
      .describe('Stop sending to a provider that keeps failing.'),
  })
  .describe('How the run is executed.');
export type RunOptionsSpec = z.infer<typeof RunOptionsSpec>;

export const SuiteSpec = z
  .strictObject({
    version: z.literal(1).describe('Suite format version.'),
    name: z.string().min(1).max(200).describe('Name of the suite.'),
    description: z.string().optional(),
    dataset: DatasetSpec,
    prompts: z.array(PromptSpec).min(1),
    models: z.array(ModelSpec).min(1),
    params: SamplingParamsSpec.optional(),
    repeats: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('Samples per item, prompt and model.'),
    scorers: z.array(ScorerSpec).default([]),
    criteria: z.array(CriterionSpec).default([]),
    run: RunOptionsSpec.prefault({}),
  })
  .superRefine((suite, ctx) => {
    for (const list of ['prompts', 'models', 'scorers'] as const) {
      const seen = new Set<string>();
      suite[list].forEach((entry, index) => {
        if (seen.has(entry.id))
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'id'],
            message: `duplicate id "${entry.id}" in ${list}`,
          });
        seen.add(entry.id);
      });
    }
  })
  .describe('A Yardstick evaluation suite.');

export type SuiteSpec = z.infer<typeof SuiteSpec>;
export type SuiteSpecInput = z.input<typeof SuiteSpec>;
