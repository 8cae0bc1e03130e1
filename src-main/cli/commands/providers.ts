import type { Command } from 'commander';
import type {
  ConnectionTestResult,
  DetectedServerInfo,
  PricingRow,
  ProviderKindInfo,
  ProviderSummary,
} from '@contract/routes/providers';
import type { Core } from '@core/host';
import { printResult } from '../output';
import { CliError, exitCodes, openCore, type GlobalOptions } from '../runtime';
import { cliErrorOfApi, unknownInWorkspace } from '../workspaceIds';

/** Calls a route and unwraps its value; failures become CLI errors with the core's message. */
async function invoke<T>(core: Core, route: string, input: unknown): Promise<T> {
  const result = await core.dispatch(route, input);
  if (!result.ok) throw cliErrorOfApi(result.error, core);
  return result.value as T;
}

async function withCore<T>(command: Command, work: (core: Core) => Promise<T>): Promise<T> {
  const core = openCore(command.optsWithGlobals<GlobalOptions>());
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function parseJsonOption(text: string | undefined, name: string): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`${name} must be a JSON object: ${String(error)}`, exitCodes.usage);
  }
}

function parseUsd(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new CliError(
      `${name} must be a non-negative number of US dollars per million tokens`,
      exitCodes.usage,
    );
  return value;
}

function describeProvider(p: ProviderSummary): string[] {
  const key = p.secretName
    ? `${p.secretName} ${p.secret?.isSet ? `set (…${p.secret.last4 ?? ''}, ${p.secret.source})` : 'NOT SET'}`
    : 'no key';
  return [p.label, p.kind, p.baseUrl ?? '(in-process)', p.isLocal ? 'local' : 'remote', key];
}

function registerList(providers: Command) {
  providers
    .command('list')
    .description('configured providers, and the provider kinds and presets available')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        const configured = await invoke<ProviderSummary[]>(core, 'providers.list', {});
        const kinds = await invoke<ProviderKindInfo[]>(core, 'providers.kinds', {});
        printResult({ providers: configured, kinds }, options.json ?? false, () => {
          const mine = configured.length
            ? table([
                ['LABEL', 'KIND', 'BASE URL', 'WHERE', 'KEY'],
                ...configured.map(describeProvider),
              ])
            : 'No providers configured (suites can still name a kind or preset directly).';
          const available = kinds
            .map((k) => {
              const presets = k.presets.length
                ? ` — presets: ${k.presets.map((p) => p.id).join(', ')}`
                : '';
              return `  ${k.id.padEnd(18)} ${k.label}${k.secretName ? ` (key: ${k.secretName})` : ''}${presets}`;
            })
            .join('\n');
          return `${mine}\n\nKinds:\n${available}`;
        });
      });
    });
}

interface AddFlags {
  label?: string;
  preset?: string;
  baseUrl?: string;
  secret?: string;
  config?: string;
  json?: boolean;
}

function registerAdd(providers: Command) {
  providers
    .command('add')
    .description('configure a provider (keys are referenced by secret name, never stored here)')
    .argument(
      '<kind>',
      'provider kind (openai, anthropic, gemini, azure-openai, openai-compatible, local) or a preset (ollama, vllm, …)',
    )
    .option('--label <label>', 'name suites use for it (default: the kind or preset)')
    .option(
      '--preset <preset>',
      'openai-compatible preset (ollama, lmstudio, llamacpp, vllm, litellm, openrouter)',
    )
    .option('--base-url <url>', 'base URL of the API')
    .option('--secret <NAME>', 'name of the secret holding the API key (e.g. OPENAI_API_KEY)')
    .option(
      '--config <json>',
      "other config fields as a JSON object (see the kind's schema in docs/providers.md)",
    )
    .option('--json', 'print one JSON object')
    .action(async (kindOrPreset: string, flags: AddFlags, command: Command) => {
      await withCore(command, async (core) => {
        const kinds = await invoke<ProviderKindInfo[]>(core, 'providers.kinds', {});
        const isPreset =
          !kinds.some((k) => k.id === kindOrPreset) &&
          kinds.some((k) => k.presets.some((p) => p.id === kindOrPreset));
        const kind = isPreset ? 'openai-compatible' : kindOrPreset;
        const endpointField = kind === 'azure-openai' ? 'endpoint' : 'baseUrl';
        const config: Record<string, unknown> = {
          ...parseJsonOption(flags.config, '--config'),
          ...(isPreset ? { preset: kindOrPreset } : {}),
          ...(flags.preset ? { preset: flags.preset } : {}),
          ...(flags.baseUrl ? { [endpointField]: flags.baseUrl } : {}),
          ...(flags.secret ? { apiKeySecret: flags.secret } : {}),
        };
        const summary = await invoke<ProviderSummary>(core, 'providers.add', {
          kind,
          label: flags.label ?? kindOrPreset,
          config,
        });
        printResult(
          summary,
          flags.json ?? false,
          (p) => `added ${table([describeProvider(p)])}\n(id ${p.id})`,
        );
      });
    });
}

function registerRemove(providers: Command) {
  providers
    .command('remove')
    .description('forget a configured provider')
    .argument('<provider>', 'label or id')
    .option('--json', 'print one JSON object')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        const provider = await findConfigured(core, name);
        if (!provider)
          throw unknownInWorkspace(
            core,
            'configured provider named',
            `"${name}"`,
            'see `yardstick providers list`',
          );
        const result = await invoke<{ removed: boolean }>(core, 'providers.remove', {
          providerId: provider.id,
        });
        printResult(
          { ...result, id: provider.id, label: provider.label },
          options.json ?? false,
          () => `removed ${provider.label}`,
        );
      });
    });
}

async function findConfigured(core: Core, name: string): Promise<ProviderSummary | undefined> {
  const configured = await invoke<ProviderSummary[]>(core, 'providers.list', {});
  return configured.find((p) => p.id === name || p.label === name);
}

function registerDetect(providers: Command) {
  providers
    .command('detect')
    .description('look for local model servers on their default loopback ports')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        const found = await invoke<DetectedServerInfo[]>(core, 'providers.detect', {});
        printResult(found, options.json ?? false, (servers) => {
          if (servers.length === 0)
            return 'No local model servers found on the default ports (Ollama 11434, LM Studio 1234, llama.cpp 8080, vLLM 8000, LiteLLM 4000).';
          const rows = servers.map((s) => [
            s.label + (s.identified ? '' : ' (probably)'),
            s.baseUrl,
            s.models.slice(0, 5).join(', ') +
              (s.models.length > 5 ? ` … (${s.models.length})` : ''),
            s.configuredProviderId ? 'configured' : `yardstick providers add ${s.preset}`,
          ]);
          return table([['SERVER', 'BASE URL', 'MODELS', 'USE'], ...rows]);
        });
      });
    });
}

function registerTest(providers: Command) {
  providers
    .command('test')
    .description('test a connection: list the models, or say what failed')
    .argument('<provider>', 'a configured provider (label or id), a kind or a preset')
    .option('--base-url <url>', 'base URL to test (for a kind or preset)')
    .option('--secret <NAME>', 'secret holding the key (for a kind or preset)')
    .option('--config <json>', 'config fields as a JSON object (for a kind or preset)')
    .option('--json', 'print one JSON object')
    .action(async (name: string, flags: AddFlags, command: Command) => {
      await withCore(command, async (core) => {
        const configured = await findConfigured(core, name);
        let input: unknown;
        if (configured) {
          input = { providerId: configured.id };
        } else {
          const kinds = await invoke<ProviderKindInfo[]>(core, 'providers.kinds', {});
          const isPreset =
            !kinds.some((k) => k.id === name) &&
            kinds.some((k) => k.presets.some((p) => p.id === name));
          const kind = isPreset ? 'openai-compatible' : name;
          const endpointField = kind === 'azure-openai' ? 'endpoint' : 'baseUrl';
          input = {
            kind,
            config: {
              ...parseJsonOption(flags.config, '--config'),
              ...(isPreset ? { preset: name } : {}),
              ...(flags.baseUrl ? { [endpointField]: flags.baseUrl } : {}),
              ...(flags.secret ? { apiKeySecret: flags.secret } : {}),
            },
          };
        }
        const result = await invoke<ConnectionTestResult>(core, 'providers.test', input);
        printResult(result, flags.json ?? false, (r) => {
          const models = r.models?.length ? `\nmodels: ${r.models.join(', ')}` : '';
          const took = r.latencyMs !== null ? ` (${Math.round(r.latencyMs)} ms)` : '';
          return `${r.ok ? 'ok' : 'FAILED'}: ${r.message}${took}${models}`;
        });
        if (!result.ok) process.exitCode = exitCodes.failure;
      });
    });
}

function registerPricing(program: Command) {
  const pricing = program
    .command('pricing')
    .description('the dated pricing table (USD per million tokens)');
  pricing
    .command('list')
    .description('prices in force and their history')
    .option('--provider <kind>', 'only this provider kind')
    .option('--model <model>', 'only this model')
    .option('--json', 'print one JSON object')
    .action(
      async (options: { provider?: string; model?: string; json?: boolean }, command: Command) => {
        await withCore(command, async (core) => {
          const rows = await invoke<PricingRow[]>(core, 'pricing.list', {
            ...(options.provider ? { providerKind: options.provider } : {}),
            ...(options.model ? { model: options.model } : {}),
          });
          printResult(rows, options.json ?? false, (list) =>
            list.length === 0
              ? 'No prices match.'
              : table([
                  ['PROVIDER', 'MODEL', 'INPUT', 'OUTPUT', 'CACHED IN', 'FROM', 'SOURCE'],
                  ...list.map((r) => [
                    r.providerKind,
                    r.model,
                    `$${r.inputUsdPerMTok}`,
                    `$${r.outputUsdPerMTok}`,
                    r.cachedInputUsdPerMTok === null ? '—' : `$${r.cachedInputUsdPerMTok}`,
                    r.effectiveFrom,
                    r.source ?? '',
                  ]),
                ]),
          );
        });
      },
    );
  pricing
    .command('set')
    .description('set the price of a model from a date (the same date replaces that row)')
    .argument('<provider>', 'provider kind (openai, anthropic, gemini, …)')
    .argument('<model>', 'model id, or * for every model of the kind')
    .requiredOption('--input <usd>', 'US dollars per million input tokens')
    .requiredOption('--output <usd>', 'US dollars per million output tokens')
    .option('--cached-input <usd>', 'US dollars per million cached input tokens')
    .option('--from <YYYY-MM-DD>', 'date the price applies from (default: today)')
    .option('--source <text>', 'where the price comes from (default: user)')
    .option('--json', 'print one JSON object')
    .action(
      async (
        providerKind: string,
        model: string,
        flags: {
          input: string;
          output: string;
          cachedInput?: string;
          from?: string;
          source?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        await withCore(command, async (core) => {
          const row = await invoke<PricingRow>(core, 'pricing.set', {
            providerKind,
            model,
            inputUsdPerMTok: parseUsd(flags.input, '--input'),
            outputUsdPerMTok: parseUsd(flags.output, '--output'),
            cachedInputUsdPerMTok: parseUsd(flags.cachedInput, '--cached-input') ?? null,
            ...(flags.from ? { effectiveFrom: flags.from } : {}),
            source: flags.source ?? null,
          });
          printResult(
            row,
            flags.json ?? false,
            (r) =>
              `${r.providerKind}/${r.model} from ${r.effectiveFrom}: $${r.inputUsdPerMTok} in, $${r.outputUsdPerMTok} out per million tokens`,
          );
        });
      },
    );
}

/** `yardstick providers list|add|remove|detect|test` and `yardstick pricing list|set`. */
export function registerProviderCommands(program: Command) {
  const providers = program
    .command('providers')
    .description('model providers: configure, detect, test');
  registerList(providers);
  registerAdd(providers);
  registerRemove(providers);
  registerDetect(providers);
  registerTest(providers);
  registerPricing(program);
}
