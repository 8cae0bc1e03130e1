import type { Command } from 'commander';
import { openCore, type GlobalOptions } from '../runtime';
import { printResult } from '../output';

/** `yardstick workspace`: where the workspace is and what it holds. */
export function registerWorkspace(program: Command) {
  program
    .command('workspace')
    .description('show the workspace location, schema version and what it holds')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const core = openCore({ ...command.optsWithGlobals<GlobalOptions>(), seedExamples: true });
      try {
        const info = await core.dispatch('workspace.info', {});
        const overview = await core.dispatch('workspace.overview', {});
        printResult({ info, overview }, options.json ?? false, ({ info, overview }) => {
          if (!info.ok || !overview.ok) return 'workspace unavailable';
          const i = info.value as {
            workspaceDir: string;
            schemaVersion: number;
            appVersion: string;
          };
          const o = overview.value as { counts: Record<string, number> };
          const counts = Object.entries(o.counts)
            .map(([k, v]) => `  ${k.padEnd(16)} ${v}`)
            .join('\n');
          return `workspace ${i.workspaceDir}\nschema    v${i.schemaVersion} (Yardstick ${i.appVersion})\n${counts}`;
        });
      } finally {
        await core.close();
      }
    });
}
