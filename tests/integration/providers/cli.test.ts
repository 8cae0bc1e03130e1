/** `yardstick providers …` and `yardstick pricing …` as a user runs them (a child process). */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';
import { startSimulator, type Simulator } from '../../simulator';

const tempDir = useTempDir();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: 'sk-cli-test-key-0987654321', modelList: ['sim-a'] });
});
afterAll(() => sim.close());

function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  return finished(
    spawnTs('src-main/cli/main.ts', args, {
      env: {
        ...process.env,
        YARDSTICK_WORKSPACE: join(dir, 'workspace'),
        YARDSTICK_KEY_FILE: join(dir, 'secret.key'),
        ...env,
      },
    }),
  );
}

// Each step starts the CLI through tsx (about a second or two on this machine).
describe('providers and pricing CLI', { timeout: 60_000 }, () => {
  it('adds, lists, tests and removes providers, with JSON output and exit codes', async () => {
    const dir = tempDir();
    const added = await cli(dir, [
      'providers',
      'add',
      'openai-compatible',
      '--label',
      'sim',
      '--base-url',
      `${sim.url}/v1`,
      '--secret',
      'SIM_KEY',
      '--json',
    ]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      label: 'sim',
      isLocal: true,
      secretName: 'SIM_KEY',
    });

    const keyed = { SIM_KEY: 'sk-cli-test-key-0987654321' };
    const ok = await cli(dir, ['providers', 'test', 'sim', '--json'], keyed);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, models: ['sim-a'] });

    const refused = await cli(dir, ['providers', 'test', 'sim'], {
      SIM_KEY: 'sk-not-the-right-one-000',
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^FAILED: The API key was refused/);
    expect(refused.stdout + refused.stderr).not.toContain('sk-not-the-right-one-000');

    const list = await cli(dir, ['providers', 'list', '--json'], keyed);
    const parsed = JSON.parse(list.stdout) as {
      providers: Array<{ label: string; secret: { last4: string } }>;
    };
    expect(parsed.providers).toMatchObject([{ label: 'sim', secret: { last4: '4321' } }]);
    expect(list.stdout).not.toContain('sk-cli-test-key');

    const bad = await cli(dir, ['providers', 'add', 'openai', '--base-url', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config.baseUrl: must be an http(s) URL');

    const removed = await cli(dir, ['providers', 'remove', 'sim', '--json']);
    expect(JSON.parse(removed.stdout)).toMatchObject({ removed: true, label: 'sim' });
  });

  it('sets and lists prices', async () => {
    const dir = tempDir();
    const set = await cli(dir, [
      'pricing',
      'set',
      'openai-compatible',
      'my-model',
      '--input',
      '0.5',
      '--output',
      '1.5',
      '--from',
      '2026-02-01',
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      model: 'my-model',
      inputUsdPerMTok: 0.5,
      effectiveFrom: '2026-02-01',
      source: 'user',
    });
    const list = await cli(dir, ['pricing', 'list', '--provider', 'openai-compatible']);
    expect(list.stdout).toMatch(
      /openai-compatible\s+my-model\s+\$0\.5\s+\$1\.5\s+—\s+2026-02-01\s+user/,
    );
    const bad = await cli(dir, [
      'pricing',
      'set',
      'openai',
      'x',
      '--input',
      'cheap',
      '--output',
      '1',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--input must be a non-negative number');
  });
});
