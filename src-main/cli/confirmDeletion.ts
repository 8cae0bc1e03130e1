/**
 * What `yardstick delete RUN` and `yardstick datasets delete NAME` share: refusals as text, and the question a deletion asks on a terminal — refused without a
 * terminal unless `--yes`, so a pipeline never deletes evidence by accident.
 */
import { createInterface } from 'node:readline/promises';
import { runExitCodes } from './runs/exitCodes';
import { CliError } from './runtime';

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
