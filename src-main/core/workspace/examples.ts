import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../context';
import { writeFrozenVersion, type NewItem } from '../datasets/versionWriter';
import { storeSuiteText } from '../suites/storeSuite';
import { nowIso } from '../util/time';

interface ExampleTicket {
  id: string;
  input: string;
  category: string;
  reference: string;
  tags: string[];
  metadata: Record<string, unknown>;
}

export const exampleDatasetName = 'support-tickets';

export function exampleFiles(resourcesDir: string) {
  const dir = join(resourcesDir, 'examples', 'support');
  return { dir, tickets: join(dir, 'tickets.jsonl'), suite: join(dir, 'suite.yaml') };
}

function* readTickets(file: string): Generator<NewItem> {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let ticket: ExampleTicket;
    try {
      ticket = JSON.parse(line) as ExampleTicket;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: ${String(error)}`);
    }
    yield {
      key: ticket.id,
      input: ticket.input,
      reference: ticket.reference,
      category: ticket.category,
      groupId: null,
      tags: ticket.tags,
      metadata: ticket.metadata,
    };
  }
}

/**
 * Loads the bundled example (support tickets and their suite) into a new workspace, so a
 * newcomer's first screen shows real data. Runs once, when the database is created.
 */
export function seedExampleWorkspace(ctx: CoreContext): void {
  const files = exampleFiles(ctx.resourcesDir);
  ctx.db.transaction(() => {
    writeFrozenVersion(ctx.db, ctx.repos.datasets, {
      datasetName: exampleDatasetName,
      description:
        'Example: customer-support tickets for Northwind Cloud (synthetic, written for Yardstick).',
      source: { kind: 'example', file: 'resources/examples/support/tickets.jsonl' },
      note: 'bundled example',
      items: readTickets(files.tickets),
    });
    storeSuiteText(ctx, readFileSync(files.suite, 'utf8'), files.suite);
    ctx.repos.settings.set('examples.seeded', true, nowIso());
  });
  ctx.logger.info('example workspace loaded', { dir: files.dir });
}
