import { defineConfig } from 'vitest/config';
import { aliases } from './electron.vite.config.ts';

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/contract/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    environment: 'node',
    // Two cores: two forks keep the machine responsive for tests that spawn workers and servers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
