/**
 * The provider registry: provider kinds looked up by exact id. Adding a provider = one file
 * exporting `defineProvider({...})` plus one line in `builtInProviders`.
 */
import { z } from 'zod';
import { anthropicProvider } from './anthropic';
import { azureOpenAiProvider } from './azureOpenai';
import { geminiProvider } from './gemini';
import { localProvider } from './local/localProvider';
import { openaiProvider } from './openai';
import { openAiCompatibleProvider } from './openaiCompatible';
import { openAiCompatiblePresets, presetById } from './presets';
import type {
  ProviderAdapter,
  ProviderCapabilities,
  ProviderDefinition,
  ProviderDeps,
} from './types';

// Each definition keeps its own config type; the registry stores them type-erased.
type AnyDefinition = ProviderDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const builtInProviders: readonly AnyDefinition[] = [
  openaiProvider,
  anthropicProvider,
  geminiProvider,
  azureOpenAiProvider,
  openAiCompatibleProvider,
  localProvider,
];

/** A provider kind that is not in the registry; the message lists the known ones. */
export class UnknownProviderError extends Error {
  override name = 'UnknownProviderError';
  constructor(
    readonly id: string,
    readonly known: readonly string[],
  ) {
    super(`unknown provider kind "${id}"; known kinds: ${known.join(', ')}`);
  }
}

/** A config that does not fit its kind's schema; `issues` name each bad field. */
export class ProviderConfigError extends Error {
  override name = 'ProviderConfigError';
  constructor(
    readonly kind: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(
      `invalid ${kind} provider config: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
}

/** What the UI may know of a provider kind: derived from the definition, schemas as JSON Schema. */
export interface ProviderKindMetadata {
  id: string;
  label: string;
  secretName: string | null;
  configSchema: Record<string, unknown>;
  presets: Array<{
    id: string;
    label: string;
    baseUrl: string;
    secretName: string | null;
    defaultPort: number | null;
  }>;
}

export class ProviderRegistry {
  private readonly byId = new Map<string, AnyDefinition>();

  constructor(definitions: readonly AnyDefinition[]) {
    for (const definition of definitions) {
      if (this.byId.has(definition.id))
        throw new Error(`provider kind "${definition.id}" is registered twice`);
      this.byId.set(definition.id, definition);
    }
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The definition with exactly this id; never a prefix or fuzzy match. */
  get(id: string): AnyDefinition {
    const definition = this.byId.get(id);
    if (!definition) throw new UnknownProviderError(id, this.ids());
    return definition;
  }

  /** Validates a raw config (from a suite, the providers table or the UI) against its kind. */
  parseConfig(kind: string, raw: unknown): unknown {
    const parsed = this.get(kind).configSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new ProviderConfigError(
        kind,
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || '(config)',
          message: issue.message,
        })),
      );
    }
    return parsed.data;
  }

  capabilities(kind: string, rawConfig: unknown): ProviderCapabilities {
    return this.get(kind).capabilities(this.parseConfig(kind, rawConfig));
  }

  /** Parses the config and creates an adapter: the one way the engine gets an adapter. */
  create(kind: string, rawConfig: unknown, deps: ProviderDeps): ProviderAdapter {
    return this.get(kind).create(this.parseConfig(kind, rawConfig), deps);
  }

  metadata(): ProviderKindMetadata[] {
    return [...this.byId.values()].map((definition) => ({
      id: definition.id,
      label: definition.label,
      secretName: definition.secretName ?? null,
      configSchema: z.toJSONSchema(definition.configSchema, {
        io: 'input',
        unrepresentable: 'any',
      }),
      presets:
        definition.id === 'openai-compatible'
          ? openAiCompatiblePresets.map((p) => ({
              id: p.id,
              label: p.label,
              baseUrl: p.baseUrl,
              secretName: 'secretName' in p ? p.secretName : null,
              defaultPort: 'defaultPort' in p ? p.defaultPort : null,
            }))
          : [],
    }));
  }
}

/** The registry of the built-in kinds. */
export const providerRegistry = new ProviderRegistry(builtInProviders);

/**
 * A provider named in a suite: a kind id (`openai`, `local`, …) or an openai-compatible preset
 * (`ollama`, `vllm`, …), which stands for `{ kind: 'openai-compatible', config: { preset } }`.
 */
export function resolveProviderName(
  name: string,
  registry: ProviderRegistry = providerRegistry,
): { kind: string; presetConfig: Record<string, unknown> } {
  if (registry.has(name)) return { kind: name, presetConfig: {} };
  if (presetById(name) && registry.has('openai-compatible'))
    return { kind: 'openai-compatible', presetConfig: { preset: name } };
  throw new UnknownProviderError(name, [
    ...registry.ids(),
    ...openAiCompatiblePresets.map((p) => p.id),
  ]);
}
