/**
 * The engine worker thread: runs the scheduler and the provider adapters, so network I/O,
 * response parsing, token estimation and in-process models never block the main thread's
 * event loop. It computes and never writes: outcomes go back to the main thread, which owns
 * the single database connection.
 */
import { parentPort } from 'node:worker_threads';
import type { ProviderAdapter } from '../providers/types';
import { completeUsageWithTokenizer, createLaneAdapter } from './laneAdapter';
import type { CellOutcome, FromWorker, ToWorker } from './protocol';
import { Scheduler } from './scheduler';

const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');

const outcomeBatchMs = 5;
const outcomeBatchMax = 256;
const laneReportMs = 500;

let scheduler: Scheduler | null = null;
let adapters: ProviderAdapter[] = [];
let outcomes: CellOutcome[] = [];
let outcomeTimer: ReturnType<typeof setTimeout> | null = null;
let laneTimer: ReturnType<typeof setInterval> | null = null;

function post(message: FromWorker) {
  port?.postMessage(message);
}

function flushOutcomes() {
  if (outcomeTimer) clearTimeout(outcomeTimer);
  outcomeTimer = null;
  if (outcomes.length === 0) return;
  post({ type: 'outcomes', outcomes });
  outcomes = [];
}

function queueOutcome(outcome: CellOutcome) {
  outcomes.push(outcome);
  if (outcomes.length >= outcomeBatchMax) flushOutcomes();
  else outcomeTimer ??= setTimeout(flushOutcomes, outcomeBatchMs);
}

function init(message: Extract<ToWorker, { type: 'init' }>) {
  const lanes = message.lanes.map((spec) => {
    const adapter = createLaneAdapter(spec);
    adapters.push(adapter);
    return { key: spec.key, adapter, limits: spec.limits };
  });
  scheduler = new Scheduler(
    lanes,
    message.models,
    message.settings,
    {
      needCells: (modelKey, count) => post({ type: 'need', modelKey, count }),
      outcome: queueOutcome,
      drained: () => {
        flushOutcomes();
        post({ type: 'drained' });
      },
      paused: () => {
        flushOutcomes();
        // The lanes as they are now (drained): the paused snapshot is the last one the run
        // page gets until resume, and must not show the requests in flight a moment ago.
        if (scheduler) post({ type: 'lanes', lanes: scheduler.laneStatuses() });
        post({ type: 'paused' });
      },
    },
    completeUsageWithTokenizer,
  );
  laneTimer = setInterval(() => {
    if (scheduler) post({ type: 'lanes', lanes: scheduler.laneStatuses() });
  }, laneReportMs);
  laneTimer.unref();
  post({ type: 'ready' });
  scheduler.start();
}

async function close() {
  if (laneTimer) clearInterval(laneTimer);
  flushOutcomes();
  const closing = adapters.flatMap((adapter) =>
    adapter.close ? [adapter.close().catch(() => undefined)] : [],
  );
  adapters = [];
  await Promise.all(closing);
  port?.close();
  // The work is done: end the thread now rather than when the last timer (a cool-down, a
  // keep-alive socket) lets the event loop empty.
  process.exit(0);
}

function fail(error: unknown) {
  post({
    type: 'fatal',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
}

port.on('message', (message: ToWorker) => {
  try {
    switch (message.type) {
      case 'init':
        init(message);
        break;
      case 'cells':
        scheduler?.addCells(message.modelKey, message.cells, message.exhausted);
        break;
      case 'pause':
        scheduler?.pause();
        break;
      case 'resume':
        scheduler?.resume();
        break;
      case 'cancel':
        (scheduler?.cancel() ?? Promise.resolve())
          .then(() => {
            flushOutcomes();
            post({ type: 'cancelled' });
          })
          .catch(fail);
        break;
      case 'close':
        close().catch(fail);
        break;
    }
  } catch (error) {
    fail(error);
  }
});
