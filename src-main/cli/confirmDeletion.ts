/**
 * What `yardstick delete RUN` and `yardstick datasets delete NAME` share: the counts and
 * refusals as text, and the question a deletion asks on a terminal — refused without a
 * terminal unless `--yes`, so a pipeline never deletes evidence by accident.
 */
import { createInterface } from 'node:readline/promises';
import { runExitCodes } from './runs/exitCodes';
import { CliError } from './runtime';

/** A kind of row a deletion counts: its key, singular and plural. */
export type CountWords<K extends string> = ReadonlyArray<readonly [K, string, string]>;

/** "270 cells, 540 scores": the kinds with rows (and `always`, even at 0), in `words` order. */
export function countList<K extends string>(
  words: CountWords<K>,
  counts: Partial<Record<K, number | null>>,
  always?: K,
): string {
  return words
    .filter(([key]) => (counts[key] ?? 0) > 0 || key === always)
    .map(([key, one, many]) => {
      const n = counts[key] ?? 0;
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/** "<subject> cannot be deleted:" and each reason on its own line. */
export function refusalText(subject: string, blockers: ReadonlyArray<{ message: string }>): string {
  return `${subject} cannot be deleted:\n${blockers.map((b) => `  - ${b.message}`).join('\n')}`;
}

/**
 * Returns when the deletion may go ahead: at once with `--yes`; on a terminal after `question`
 * and a "y". Throws exit 2 without a terminal, exit 1 for any other answer.
 */
export async function confirmDeletion(
  isConfirmed: boolean | undefined,
  what: string,
  question: string,
): Promise<void> {
  if (isConfirmed) return;
  if (!process.stdin.isTTY)
    throw new CliError(
      `not deleting ${what} without confirmation: stdin is not a terminal, pass --yes to delete from a script`,
      runExitCodes.usage,
    );
  process.stderr.write(question);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question('Delete it? [y/N] ');
    if (!/^y(es)?$/i.test(answer.trim()))
      throw new CliError('nothing deleted', runExitCodes.failure);
  } finally {
    prompt.close();
  }
}
