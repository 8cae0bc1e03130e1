// Worker threads do not inherit tsx from the parent (and Node 20 ignores `--import` in a
// worker's execArgv), so this plain-JS entry registers tsx and then loads the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
