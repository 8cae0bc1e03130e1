import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { TaxonomyImportResult } from '@contract/routes/failureModes';
import { callWorkspace } from '../labeling/workspaceLabels';
import { printResult } from '../output';
import { CliError } from '../runtime';

/**
 * `yardstick failure-modes export|import`: carry the failure-mode taxonomy built while reading
 * one evaluation's outputs to the next one (another workspace, a teammate, a new project).
 */
export function registerFailureModeCommands(program: Command) {
  const group = program
    .command('failure-modes')
    .description('export or import the failure-mode taxonomy (tags for outputs)');
  group
    .command('export')
    .description('write the taxonomy as a JSON file (stdout without --out)')
    .option('--out <file>', 'file to write')
    .action(async (o: { out?: string }, command: Command) => {
      const file = await callWorkspace<{ text: string; count: number }>(
        command,
        'failureModes.export',
        {},
      );
      if (!o.out) {
        process.stdout.write(file.text);
        return;
      }
      try {
        writeFileSync(o.out, file.text);
      } catch (error) {
        throw new CliError(`${o.out}: cannot be written (${(error as Error).message})`);
      }
      process.stderr.write(`${file.count} failure mode(s) written to ${o.out}\n`);
    });
  group
    .command('import <file>')
    .description('add the failure modes of a taxonomy file (by name; existing ones are kept)')
    .option('--json', 'print one JSON object')
    .action(async (file: string, o: { json?: boolean }, command: Command) => {
      const result = await callWorkspace<TaxonomyImportResult>(command, 'failureModes.import', {
        path: resolve(file),
      });
      printResult(result, o.json ?? false, (r) =>
        [
          `added    ${r.added.length}${r.added.length ? `: ${r.added.join(', ')}` : ''}`,
          `existing ${r.existing.length}`,
          ...(r.described.length ? [`described ${r.described.join(', ')}`] : []),
        ].join('\n'),
      );
    });
}
