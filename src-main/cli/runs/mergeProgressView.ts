import type { MergePhase, MergeProgress } from '@core/runner/mergeShards';
import type cliProgress from 'cli-progress';
import { seconds, terminalBar } from './progressView';

const phaseLabels: Record<MergePhase, string> = {
  checking: 'checking shards',
  dataset: 'copying the dataset version',
  datasetHash: 'hashing the copied dataset version',
  cells: 'copying cells',
  responses: 'copying responses',
  scores: 'copying scores',
  overrides: 'copying score overrides',
  failureModeTags: 'copying failure-mode tags',
  cache: 'adding response cache rows',
};

function describe(p: MergeProgress): string {
  const eta = p.rowsDone >= p.rowsTotal ? 'done' : `ETA ${seconds(p.etaMs)}`;
  return `${phaseLabels[p.phase]} ${p.done}/${p.total} | ${eta}`;
}

/**
 * `yardstick merge` progress on stderr: on a terminal, one live line (phase, done/total of
 * the phase, the bar over every row to copy, ETA); otherwise nothing until one closing line
 * (CI logs stay short). With `quiet` (`--json`) no closing line: as for `yardstick run`, the
 * live line still shows on a terminal, where it never mixes with the JSON on stdout.
 */
export class MergeProgressView {
  private bar: cliProgress.SingleBar | null = null;
  private last: MergeProgress | null = null;

  constructor(
    private readonly quiet: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: MergeProgress) {
    this.last = p;
    // Until checking is over the number of rows is unknown: no bar to draw yet.
    if (!this.stream.isTTY || p.phase === 'checking') return;
    if (!this.bar) {
      this.bar = terminalBar(this.stream, ' {bar} {percentage}% | {detail}');
      this.bar.start(Math.max(1, p.rowsTotal), p.rowsDone, { detail: describe(p) });
    }
    this.bar.update(p.rowsDone, { detail: describe(p) });
  }

  /** Stops the live line; after a merge that went through, says how long it took. */
  stop(isMerged: boolean) {
    this.bar?.stop();
    this.bar = null;
    if (this.quiet || !isMerged || !this.last) return;
    const { rowsDone, elapsedMs } = this.last;
    this.stream.write(`yardstick: merged ${rowsDone} rows in ${(elapsedMs / 1000).toFixed(1)}s\n`);
  }
}
