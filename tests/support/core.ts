import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from '@core/host';
import { Redactor } from '@core/logging/redactor';
import { createLogger } from '@core/logging/logger';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const resourcesDir = join(repoRoot, 'resources');
export const sharedDir = process.env.YARDSTICK_SHARED_DIR ?? join(repoRoot, '..', 'shared');

/** A core on a real SQLite file in `dir`, with the production migrations and handlers. */
export function openTestCore(
  dir: string,
  options: Partial<CoreOptions> & { logLines?: string[] } = {},
): Core {
  const redactor = options.redactor ?? new Redactor();
  const lines = options.logLines;
  return createCore({
    workspaceDir: join(dir, 'workspace'),
    resourcesDir,
    appVersion: 'test',
    validateOutputs: true,
    redactor,
    logger: createLogger({ redactor, level: 'debug', write: (line) => lines?.push(line) }),
    env: { YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
    ...options,
  });
}

/** Unwraps a dispatch result, failing the test with the core's error otherwise. */
export async function call<T = unknown>(
  core: Core,
  route: string,
  input: unknown = {},
): Promise<T> {
  const result = await core.dispatch(route, input);
  if (!result.ok) throw new Error(`${route} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
