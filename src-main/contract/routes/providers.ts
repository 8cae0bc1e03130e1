import { z } from 'zod';
import { defineEvent, defineRoute } from '../define';
import { Empty, Id, IsoTime } from '../common';
import { SecretStatus } from './secrets';

/**
 * Routes and events of the providers domain: provider kinds, configured providers, local
 * server detection, "test connection", the local GGUF model, and the pricing table.
 */

export const ProviderKindInfo = z.object({
  id: z.string(),
  label: z.string(),
  secretName: z.string().nullable(),
  /** JSON Schema of the kind's config (from its zod schema), for forms and validation. */
  configSchema: z.record(z.string(), z.unknown()),
  presets: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      baseUrl: z.string(),
      secretName: z.string().nullable(),
      defaultPort: z.number().int().nullable(),
    }),
  ),
});
export type ProviderKindInfo = z.infer<typeof ProviderKindInfo>;

/** Default limits of a configured provider; a suite's `run.providers` entry wins field by field. */
export const ProviderLimits = z.strictObject({
  concurrency: z.number().int().min(1).max(1000).nullable(),
  rpm: z.number().min(1).nullable(),
  tpm: z.number().min(1).nullable(),
});
export type ProviderLimits = z.infer<typeof ProviderLimits>;

export const ProviderSummary = z.object({
  id: Id,
  kind: z.string(),
  label: z.string(),
  baseUrl: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  secretName: z.string().nullable(),
  /** Whether the key is set (never its value). Null when the provider needs no key. */
  secret: SecretStatus.nullable(),
  /** Runs on this machine: data flagged personal may be sent to it. */
  isLocal: z.boolean(),
  limits: ProviderLimits,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ProviderSummary = z.infer<typeof ProviderSummary>;

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  models: z.array(z.string()).nullable(),
  latencyMs: z.number().nullable(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/** The models a configured provider lists, from the core's short-lived cache. */
export const ProviderModelList = z.object({
  /** Model ids as the provider names them, sorted; empty when listing failed. */
  models: z.array(z.string()),
  /** When the list was fetched (a cached answer keeps the time of its fetch). */
  fetchedAt: IsoTime,
  /** Why the provider could not list its models (no key, offline, Azure deployments); null when it did. */
  error: z.string().nullable(),
});
export type ProviderModelList = z.infer<typeof ProviderModelList>;

export const DetectedServerInfo = z.object({
  preset: z.string(),
  label: z.string(),
  port: z.number().int(),
  baseUrl: z.string(),
  identified: z.boolean(),
  models: z.array(z.string()),
  /** A configured provider already pointing at this server, if any. */
  configuredProviderId: Id.nullable(),
});
export type DetectedServerInfo = z.infer<typeof DetectedServerInfo>;

export const LocalModelStatus = z.object({
  path: z.string().nullable(),
  source: z.enum(['config', 'environment', 'downloaded']).nullable(),
  /** Why no model is available (a bad YARDSTICK_LOCAL_MODEL, say); null when one is. */
  problem: z.string().nullable(),
  modelsDir: z.string(),
  defaultModel: z.object({
    name: z.string(),
    uri: z.string(),
    homepage: z.string(),
    licence: z.string(),
    approximateSize: z.string(),
  }),
});
export type LocalModelStatus = z.infer<typeof LocalModelStatus>;

const Usd = z.number().min(0).max(1_000_000);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const PricingRow = z.object({
  id: z.number().int(),
  providerKind: z.string(),
  model: z.string(),
  inputUsdPerMTok: z.number(),
  outputUsdPerMTok: z.number(),
  cachedInputUsdPerMTok: z.number().nullable(),
  effectiveFrom: IsoDate,
  source: z.string().nullable(),
});
export type PricingRow = z.infer<typeof PricingRow>;

const ProviderLabel = z.string().trim().min(1).max(100);
const ProviderConfigInput = z.record(z.string(), z.unknown());

export const providersRoutes = {
  'providers.kinds': defineRoute({
    kind: 'query',
    description: 'The provider kinds, their config JSON Schemas and presets.',
    input: Empty,
    output: z.array(ProviderKindInfo),
  }),
  'providers.list': defineRoute({
    kind: 'query',
    description: 'Configured providers, with the status (never the value) of their keys.',
    input: Empty,
    output: z.array(ProviderSummary),
  }),
  'providers.add': defineRoute({
    kind: 'command',
    description: "Configure a provider; the config is checked against its kind's schema.",
    input: z.strictObject({
      kind: z.string().min(1),
      label: ProviderLabel,
      config: ProviderConfigInput,
    }),
    output: ProviderSummary,
  }),
  'providers.update': defineRoute({
    kind: 'command',
    description: 'Change the label or config of a configured provider.',
    input: z.strictObject({
      providerId: Id,
      label: ProviderLabel.optional(),
      config: ProviderConfigInput.optional(),
    }),
    output: ProviderSummary,
  }),
  'providers.setLimits': defineRoute({
    kind: 'command',
    description:
      "Set a configured provider's default limits (requests in flight, requests and tokens per minute); null clears one.",
    input: z.strictObject({ providerId: Id, limits: ProviderLimits }),
    output: ProviderSummary,
  }),
  'providers.remove': defineRoute({
    kind: 'command',
    description: 'Forget a configured provider (refused while runs refer to it).',
    input: z.strictObject({ providerId: Id }),
    output: z.object({ removed: z.boolean() }),
  }),
  'providers.test': defineRoute({
    kind: 'query',
    description: 'Test a configured provider, or a kind with a config, by listing its models.',
    input: z.union([
      z.strictObject({ providerId: Id }),
      z.strictObject({ kind: z.string().min(1), config: ProviderConfigInput }),
    ]),
    output: ConnectionTestResult,
  }),
  'providers.models': defineRoute({
    kind: 'query',
    description:
      "A configured provider's model ids, cached for a few minutes; refresh fetches them again.",
    input: z.strictObject({ providerId: Id, refresh: z.boolean().default(false) }),
    output: ProviderModelList,
  }),
  'providers.detect': defineRoute({
    kind: 'query',
    description: 'Local model servers answering on their default loopback ports.',
    input: Empty,
    output: z.array(DetectedServerInfo),
  }),
  'providers.localModel': defineRoute({
    kind: 'query',
    description: 'Which GGUF file the local provider would run, and the default model.',
    input: Empty,
    output: LocalModelStatus,
  }),
  'providers.downloadLocalModel': defineRoute({
    kind: 'command',
    description: 'Download the default local model, as a job with progress.',
    input: Empty,
    output: z.object({ jobId: Id }),
  }),
  'pricing.list': defineRoute({
    kind: 'query',
    description: 'The pricing table (USD per million tokens), newest date first per model.',
    input: z.strictObject({ providerKind: z.string().optional(), model: z.string().optional() }),
    output: z.array(PricingRow),
  }),
  'pricing.set': defineRoute({
    kind: 'command',
    description: 'Set the price of a model from a date (the same date replaces that row).',
    input: z.strictObject({
      providerKind: z.string().min(1),
      model: z.string().min(1),
      inputUsdPerMTok: Usd,
      outputUsdPerMTok: Usd,
      cachedInputUsdPerMTok: Usd.nullable().default(null),
      effectiveFrom: IsoDate.optional(),
      source: z.string().max(500).nullable().default(null),
    }),
    output: PricingRow,
  }),
  'pricing.remove': defineRoute({
    kind: 'command',
    description: 'Delete one pricing row.',
    input: z.strictObject({ id: z.number().int() }),
    output: z.object({ removed: z.boolean() }),
  }),
  'pricing.cost': defineRoute({
    kind: 'query',
    description: 'The cost of a number of tokens at a date, and the row that priced it.',
    input: z.strictObject({
      providerKind: z.string().min(1),
      model: z.string().min(1),
      inputTokens: z.number().int().min(0),
      outputTokens: z.number().int().min(0),
      at: IsoTime.optional(),
    }),
    output: z.object({ costUsd: z.number().nullable(), row: PricingRow.nullable() }),
  }),
};

export const providersEvents = {
  'providers.changed': defineEvent({
    description: 'Configured providers or prices changed; views showing them should refresh.',
    payload: z.object({ what: z.enum(['providers', 'pricing']), reason: z.string() }),
  }),
};
