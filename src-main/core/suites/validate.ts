import type { FrozenVersionRow } from '../db/repos/runInputs';
import type { Repos } from '../db/repos';
import type { IssuePath, SuiteIssue } from './issues';
import { parseSuite, type SuiteSource } from './parse';
import type { ModelSpec, SuiteSpec } from './schema';
import { validateCriteriaSpecs, validateScorerSpecs, type ReportIssue } from './scoringHooks';
import { parseTemplate, type TemplateVariable } from './template';

/** A suite model's provider, resolved against the registry and the workspace's providers. */
export interface ResolvedProvider {
  /** Key of the provider for limits and circuit breaking: the configured label or the kind. */
  key: string;
  kind: string;
  /** The workspace `providers` row, when the suite named a configured provider's label. */
  providerId: string | null;
  /** Adapter config, already validated by the kind's schema. */
  config: unknown;
  /** Name of the secret the adapter needs (resolved by the main thread, never stored). */
  secretName: string | null;
  isLocal: boolean;
  isStreaming: boolean;
  /**
   * What the model runs on, part of the response-cache key: the endpoint of an HTTP provider,
   * the GGUF file (path, size, modification time) of an in-process one; null when unknown yet.
   */
  baseUrl: string | null;
  /** The model id to send when resolution pinned it (local: the GGUF file's path). */
  resolvedModel: string | null;
  /** Most requests the provider itself can serve at once (local: its context sequences). */
  maxConcurrency: number | null;
}

/** Looks up suite provider names (kinds and configured labels). */
export interface ProviderCatalog {
  /** Every name a suite may use, for error messages. */
  names(): string[];
  /** Resolves a model's provider; reports config problems at paths relative to the model. */
  resolve(model: ModelSpec, report: ReportIssue): ResolvedProvider | null;
}

export interface CheckedSuite {
  suite: SuiteSpec;
  source: SuiteSource;
  datasetName: string;
  version: FrozenVersionRow;
  /** Items the run will use: the version's count, or the suite's limit if smaller. */
  itemCount: number;
  /** By model id. */
  providers: Map<string, ResolvedProvider>;
}

export type SuiteCheck = { ok: true; checked: CheckedSuite } | { ok: false; issues: SuiteIssue[] };

export interface SuiteCheckDeps {
  repos: Pick<Repos, 'datasets' | 'runInputs'>;
  providers: ProviderCatalog;
}

/** The frozen version a suite names, or null after reporting why there is none. */
export function resolveVersion(
  deps: Pick<SuiteCheckDeps, 'repos'>,
  suite: SuiteSpec,
  report: ReportIssue,
): FrozenVersionRow | null {
  const dataset = deps.repos.datasets.findByName(suite.dataset.name);
  if (!dataset) {
    const known = deps.repos.datasets
      .list()
      .map((d) => d.name)
      .slice(0, 12);
    report(
      ['dataset', 'name'],
      `no dataset named "${suite.dataset.name}" in this workspace` +
        (known.length ? ` (datasets: ${known.join(', ')})` : ' (it has no datasets: import one)'),
    );
    return null;
  }
  const ref = suite.dataset.version;
  const version =
    ref === 'latest'
      ? deps.repos.runInputs.latestVersion(dataset.id)
      : typeof ref === 'number'
        ? deps.repos.runInputs.versionByNumber(dataset.id, ref)
        : deps.repos.runInputs.versionByHash(dataset.id, ref.slice('sha256:'.length));
  if (!version) {
    const message =
      ref === 'latest'
        ? `dataset "${dataset.name}" has no frozen version`
        : `dataset "${dataset.name}" has no version ${typeof ref === 'number' ? ref : `with hash ${ref}`}` +
          (dataset.latestVersion ? ` (latest: ${dataset.latestVersion.version})` : '');
    report(['dataset', ref === 'latest' ? 'name' : 'version'], message);
    return null;
  }
  return version;
}

function jsonPathOf(path: readonly string[]): string {
  return `$${path.map((p) => `."${p}"`).join('')}`;
}

/** Checks every template and that each variable has a value in every item used. */
function checkPrompts(
  deps: SuiteCheckDeps,
  suite: SuiteSpec,
  version: FrozenVersionRow | null,
  itemCount: number,
  report: ReportIssue,
) {
  const firstUse = new Map<string, { variable: TemplateVariable; path: IssuePath }>();
  suite.prompts.forEach((prompt, p) =>
    prompt.messages.forEach((message, m) => {
      const path = ['prompts', p, 'messages', m, 'content'];
      const parsed = parseTemplate(message.content);
      for (const error of parsed.errors) report(path, error);
      for (const part of parsed.parts)
        if ('variable' in part && !firstUse.has(part.source))
          firstUse.set(part.source, { variable: part.variable, path });
    }),
  );
  if (!version) return;
  for (const [name, { variable, path }] of firstUse) {
    let missing: { n: number; example: string | null } | null = null;
    if (variable.kind === 'metadata')
      missing = deps.repos.runInputs.missingMetadata(
        version.id,
        jsonPathOf(variable.path),
        itemCount,
      );
    else if (variable.name === 'reference' || variable.name === 'category')
      missing = deps.repos.runInputs.missingColumn(version.id, variable.name, itemCount);
    if (missing && missing.n > 0)
      report(
        path,
        `{{${name}}} has no value in ${missing.n} of ${itemCount} items of ${suite.dataset.name} v${version.version}` +
          (missing.example ? ` (e.g. item ${missing.example})` : ''),
      );
  }
}

function checkProviders(deps: SuiteCheckDeps, suite: SuiteSpec, report: ReportIssue) {
  const resolved = new Map<string, ResolvedProvider>();
  suite.models.forEach((model, index) => {
    const provider = deps.providers.resolve(model, (path, message) =>
      report(['models', index, ...path], message),
    );
    if (provider) resolved.set(model.id, provider);
  });
  const usable = new Set<string>();
  for (const model of suite.models) usable.add(model.provider);
  for (const provider of resolved.values()) usable.add(provider.key).add(provider.kind);
  for (const key of Object.keys(suite.run.providers))
    if (!usable.has(key))
      report(
        ['run', 'providers', key],
        `"${key}" is not the provider of any model in this suite (providers used: ${[...new Set(suite.models.map((m) => m.provider))].join(', ')})`,
      );
  return resolved;
}

/**
 * Validates a suite twice: its structure (YAML + schema), then its references against the
 * workspace (dataset and version exist, providers exist and their configs are valid, every
 * prompt variable has a value in every item, scorers and criteria via their domains' hooks).
 * Every problem is reported with file, line, column and field path.
 */
export function checkSuite(deps: SuiteCheckDeps, text: string, file: string): SuiteCheck {
  const parsed = parseSuite(text, file);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const { suite, source } = parsed;
  const issues: SuiteIssue[] = [];
  const report: ReportIssue = (path, message) => issues.push(source.issueAt(path, message));
  const version = resolveVersion(deps, suite, report);
  const itemCount = Math.min(version?.item_count ?? 0, suite.dataset.limit ?? Infinity);
  if (version && itemCount === 0) report(['dataset', 'name'], 'the dataset version has no items');
  checkPrompts(deps, suite, version, itemCount, report);
  const providers = checkProviders(deps, suite, report);
  validateScorerSpecs(suite.scorers, report);
  validateCriteriaSpecs(suite.criteria, suite.scorers, report);
  if (issues.length || !version) return { ok: false, issues };
  return {
    ok: true,
    checked: { suite, source, datasetName: suite.dataset.name, version, itemCount, providers },
  };
}
