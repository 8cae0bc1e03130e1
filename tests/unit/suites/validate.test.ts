import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { createProviderCatalog } from '@core/runner/providerCatalog';
import { formatIssue } from '@core/suites/issues';
import { checkSuite } from '@core/suites/validate';
import { openTestCore, resourcesDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

const example = readFileSync(join(resourcesDir, 'examples/support/suite.yaml'), 'utf8');
// The example's model is the in-process default model; point it at a loopback server here so
// the checks do not depend on a GGUF file being present.
const suite = example.replace(
  '    provider: local\n    model: default\n',
  '    provider: openai-compatible\n    base_url: http://127.0.0.1:9/v1\n    model: m\n',
);

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('suite reference checks', () => {
  const tempDir = useTempDir();
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  function check(text: string) {
    core ??= openTestCore(tempDir(), { seedExamples: true });
    return checkSuite(
      { repos: core.context.repos, providers: createProviderCatalog() },
      text,
      'suite.yaml',
    );
  }

  it('accepts the example suite against the example workspace and resolves its references', () => {
    const result = check(suite);
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.checked.itemCount).toBe(150);
    expect(result.checked.version.version).toBe(1);
    expect(result.checked.providers.get('local')).toMatchObject({
      kind: 'openai-compatible',
      isLocal: true,
      baseUrl: 'http://127.0.0.1:9/v1',
    });
  });

  it('refuses a missing dataset with the file, line and field', () => {
    const text = suite.replace('name: support-tickets', 'name: no-such-tickets');
    const result = check(text);
    if (result.ok) throw new Error('accepted');
    expect(result.issues).toEqual([
      {
        file: 'suite.yaml',
        line: lineOf(text, 'no-such-tickets'),
        column: 9,
        path: 'dataset.name',
        message: 'no dataset named "no-such-tickets" in this workspace (datasets: support-tickets)',
      },
    ]);
  });

  it('refuses a version that does not exist, by number or by hash', () => {
    const byNumber = check(suite.replace('version: latest', 'version: 7'));
    if (byNumber.ok) throw new Error('accepted');
    expect(byNumber.issues[0]).toMatchObject({
      path: 'dataset.version',
      message: 'dataset "support-tickets" has no version 7 (latest: 1)',
    });
    const byHash = check(suite.replace('version: latest', `version: sha256:${'0'.repeat(64)}`));
    if (byHash.ok) throw new Error('accepted');
    expect(byHash.issues[0]?.path).toBe('dataset.version');
  });

  it('refuses an unknown provider and a bad provider config at their lines', () => {
    const unknown = check(suite.replace('provider: openai-compatible', 'provider: openia'));
    if (unknown.ok) throw new Error('accepted');
    expect(unknown.issues[0]).toMatchObject({
      path: 'models[0].provider',
      line: lineOf(suite, 'provider: openai-compatible'),
    });
    expect(unknown.issues[0]?.message).toMatch(/unknown provider "openia".*openai, .*ollama/);
    const badConfig = check(
      suite.replace('    model: m\n', '    model: m\n    config: { maxConnections: 0 }\n'),
    );
    if (badConfig.ok) throw new Error('accepted');
    expect(badConfig.issues[0]?.path).toBe('models[0].config.maxConnections');
  });

  it('refuses unknown template variables and variables some items lack', () => {
    const unknown = check(suite.replace("content: '{{input}}'", "content: '{{input}} {{inptu}}'"));
    if (unknown.ok) throw new Error('accepted');
    expect(unknown.issues[0]).toMatchObject({ path: 'prompts[0].messages[1].content' });
    expect(unknown.issues[0]?.message).toMatch(/unknown variable \{\{inptu\}\}/);
    const missing = check(
      suite.replace("content: '{{input}}'", "content: '{{input}} {{metadata.nonexistent}}'"),
    );
    if (missing.ok) throw new Error('accepted');
    expect(missing.issues[0]?.message).toBe(
      '{{metadata.nonexistent}} has no value in 150 of 150 items of support-tickets v1 (e.g. item T0001)',
    );
    const present = check(
      suite.replace(
        "content: '{{input}}'",
        "content: '{{input}} ({{metadata.language}}, {{category}})'",
      ),
    );
    expect(present.ok).toBe(true);
  });

  it('refuses limits for a provider no model uses', () => {
    const text = suite.replace(
      '  concurrency: 1\n',
      '  concurrency: 1\n  providers:\n    opneai: { rpm: 60 }\n',
    );
    const result = check(text);
    if (result.ok) throw new Error('accepted');
    expect(result.issues[0]).toMatchObject({
      path: 'run.providers.opneai',
      line: lineOf(text, 'opneai'),
    });
  });
});
