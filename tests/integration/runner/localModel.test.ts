import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import { repoRoot, sharedDir } from '../../support/core';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

const modelPath = process.env.YARDSTICK_TEST_MODEL ?? join(sharedDir, 'models', 'stories260K.gguf');

describe('the example suite on the in-process local model, through the CLI', () => {
  const tempDir = useTempDir();

  // A CLI process under tsx that loads a real GGUF model and generates up to 200 tokens per item
  // on the CPU (seconds per item, far more when other tests share the two cores).
  it(
    'runs a 2-item slice and records responses, token counts and timing',
    { timeout: 180_000 },
    async () => {
      if (!existsSync(modelPath))
        throw new Error(
          `the test model is missing: ${modelPath} (set YARDSTICK_TEST_MODEL to a GGUF file)`,
        );
      const dir = tempDir();
      const workspace = join(dir, 'workspace');
      const child = spawnTs(
        'src-main/cli/main.ts',
        [
          '--workspace',
          workspace,
          'run',
          join(repoRoot, 'resources/examples/support/suite.yaml'),
          '--limit',
          '2',
          '--json',
        ],
        {
          env: {
            ...process.env,
            YARDSTICK_LOCAL_MODEL: modelPath,
            YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key'),
          },
        },
      );
      const result = await finished(child);
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as {
        status: string;
        cells: { total: number; ok: number; error: number };
        models: Array<{
          modelKey: string;
          provider: string;
          tokens: { input: number; output: number; estimated: boolean };
        }>;
      };
      expect(summary.status).toBe('completed');
      expect(summary.cells).toMatchObject({ total: 2, ok: 2, error: 0 });
      expect(summary.models[0]).toMatchObject({ modelKey: 'local', provider: 'local' });
      expect(summary.models[0]?.tokens.input).toBeGreaterThan(0);
      expect(summary.models[0]?.tokens.estimated).toBe(false);

      const db = new Db(join(workspace, 'workspace.sqlite'), { readonly: true });
      try {
        const rows = db.all<{
          output: string;
          input_tokens: number;
          output_tokens: number;
          is_token_estimate: number;
          latency_ms: number;
          ttft_ms: number | null;
          tokens_per_second: number | null;
          is_cold_start: number;
          manifest: string;
        }>(
          sql`SELECT r.*, runs.manifest FROM responses r JOIN cells c ON c.id = r.cell_id JOIN runs ON runs.id = c.run_id`,
        );
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          expect(row.output.length).toBeGreaterThan(0);
          expect(row.input_tokens).toBeGreaterThan(0);
          expect(row.output_tokens).toBeGreaterThan(0);
          expect(row.is_token_estimate).toBe(0);
          expect(row.latency_ms).toBeGreaterThan(0);
          expect(row.ttft_ms).not.toBeNull();
          expect(row.tokens_per_second).toBeGreaterThan(0);
        }
        expect(rows.filter((r) => r.is_cold_start === 1)).toHaveLength(1);
        // The manifest pins the GGUF file that ran.
        const manifest = JSON.parse(rows[0]?.manifest ?? '{}') as {
          models: Array<{ provider: { resolvedModel: string } }>;
        };
        expect(manifest.models[0]?.provider.resolvedModel).toBe(modelPath);
      } finally {
        db.close();
      }
    },
  );
});
