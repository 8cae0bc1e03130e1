import { afterEach } from 'vitest';
import type { Core } from '@core/host';
import { openTestCore } from './core';

/**
 * Opens test cores that are closed after each test. Call it after `useTempDir` so the cores
 * close before their folders are removed (after-hooks run in reverse order).
 */
export function useTestCores(): (
  dir: string,
  options?: Parameters<typeof openTestCore>[1],
) => Core {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
  return (dir, options) => {
    const core = openTestCore(dir, options);
    cores.push(core);
    return core;
  };
}
