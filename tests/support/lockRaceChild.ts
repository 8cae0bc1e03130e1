/**
 * Child process for the lock race test: once the parent's go file appears (it holds a start
 * time), tries to lock each of KEYS in turn, each at its own agreed moment (start + i × ROUND
 * ms), so that all children race for the same key at once. Prints one line
 * `result {"won":[…],"refused":[…]}` and then keeps its locks — alive — until killed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ApiError } from '@core/apiError';
import { acquireLock } from '@core/runner/runLock';

const [workspaceDir, goFile, keyList, roundText] = process.argv.slice(2);
if (!workspaceDir || !goFile || !keyList || !roundText)
  throw new Error('usage: lockRaceChild.ts WORKSPACE GO_FILE KEY,KEY,… ROUND_MS');
const keys = keyList.split(',');
const roundMs = Number(roundText);
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

process.stdout.write('ready\n');
while (!existsSync(goFile)) sleep(1);
const start = Number(readFileSync(goFile, 'utf8'));

const won: string[] = [];
const refused: string[] = [];
for (const [index, key] of keys.entries()) {
  // Spin (not sleep) up to the moment: the racers leave the line as close together as they can.
  while (Date.now() < start + index * roundMs);
  try {
    acquireLock(workspaceDir, { key, label: `lock ${key}`, activity: 'raced for' });
    won.push(key);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'conflict') throw error;
    refused.push(key);
  }
}
process.stdout.write(`result ${JSON.stringify({ won, refused })}\n`);
// The winners must stay alive: a dead holder's lock is stale, and the parent checks them all.
setInterval(() => undefined, 60_000);
