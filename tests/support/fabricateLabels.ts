/**
 * Test data for rating sessions: finished runs whose outputs are described exactly (through
 * fabricateRun), raters, and helpers that rate a whole session through the real routes.
 */
import type { SessionDetail, TaskView } from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { call } from './core';
import { fabricateRun, type FabricatedItem, type FabricatedRun } from './fabricateRun';

export interface TwoModelRunOptions {
  items: number;
  /** Categories assigned round-robin (default: none). */
  categories?: string[];
  models?: [string, string];
  /** Output of a model for an item (default: distinct text per model and item). */
  output?: (model: string, index: number) => string;
  /** The suite's `scorers:` section, indented by two spaces (default: none). */
  scorers?: string;
  datasetName?: string;
  runName?: string;
}

export function fabricatedItems(count: number, categories?: string[]): FabricatedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `item-${String(i).padStart(3, '0')}`,
    input: `Question ${i}: how do I reset the sync client on device ${i}?`,
    reference: `Sign out, restart the client and sign in again on device ${i}.`,
    category: categories ? (categories[i % categories.length] as string) : null,
  }));
}

export function twoModelSuite(
  models: readonly string[],
  scorers = '',
  datasetName = 'rated',
): string {
  return `version: 1
name: rated
dataset: { name: ${datasetName} }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
${models.map((m) => `  - { id: ${m}, provider: openai, model: ${m}-model }`).join('\n')}
${scorers ? `scorers:\n${scorers}` : ''}`;
}

/** A finished run of two models over `items` fabricated items, every cell answered. */
export function twoModelRun(core: Core, options: TwoModelRunOptions): FabricatedRun {
  const models = options.models ?? ['alpha', 'beta'];
  const items = fabricatedItems(options.items, options.categories);
  const output =
    options.output ??
    ((model: string, i: number) => `${model} says: for device ${i}, restart the sync client.`);
  return fabricateRun(core, {
    datasetName: options.datasetName ?? 'rated',
    items,
    suiteYaml: twoModelSuite(models, options.scorers, options.datasetName ?? 'rated'),
    runName: options.runName,
    cells: items.flatMap((item, i) =>
      models.map((modelKey) => ({ itemKey: item.key, modelKey, output: output(modelKey, i) })),
    ),
  });
}

export async function addRater(core: Core, name: string): Promise<string> {
  return (await call<{ id: string }>(core, 'labeling.addRater', { name })).id;
}

/**
 * Rates every pending task of a session for one rater: `decide` sees the task as the rater
 * does and returns the label to submit (or null to leave it).
 */
export async function rateSession(
  core: Core,
  sessionId: string,
  raterId: string,
  decide: (task: TaskView) => Record<string, unknown> | null,
): Promise<number> {
  const queue = await call<{ entries: { taskId: string; status: string }[] }>(
    core,
    'labeling.queue',
    { sessionId, raterId },
  );
  let given = 0;
  for (const entry of queue.entries) {
    if (entry.status !== 'pending') continue;
    const task = await call<TaskView>(core, 'labeling.task', {
      sessionId,
      taskId: entry.taskId,
      raterId,
    });
    const label = decide(task);
    if (label === null) continue;
    await call(core, 'labeling.submit', { sessionId, taskId: entry.taskId, raterId, ...label });
    given++;
  }
  return given;
}

export function createSession(core: Core, input: Record<string, unknown>): Promise<SessionDetail> {
  return call<SessionDetail>(core, 'labeling.createSession', input);
}
