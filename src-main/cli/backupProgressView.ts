import type cliProgress from 'cli-progress';
import type { BackupProgress } from '@core/workspace/backup';
import { seconds, terminalBar } from './runs/progressView';

function describe(p: BackupProgress): string {
  const eta = p.pagesDone >= p.pagesTotal ? 'done' : `ETA ${seconds(p.etaMs)}`;
  const restarted = p.restarts > 0 ? ` | restarted ${p.restarts}× (another process wrote)` : '';
  return `copying pages ${p.pagesDone}/${p.pagesTotal} | ${eta}${restarted}`;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * `yardstick backup` progress on stderr, in the style of `yardstick merge`
 * (runs/mergeProgressView.ts): on a terminal one live line (bar, pages, ETA); otherwise
 * nothing until one closing line, so CI logs stay short. `quiet` (`--json`) drops the
 * closing line.
 */
export class BackupProgressView {
  private bar: cliProgress.SingleBar | null = null;

  constructor(
    private readonly quiet: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: BackupProgress) {
    if (!this.stream.isTTY) return;
    if (!this.bar) {
      this.bar = terminalBar(this.stream, ' {bar} {percentage}% | {detail}');
      this.bar.start(Math.max(1, p.pagesTotal), p.pagesDone, { detail: describe(p) });
    }
    this.bar.setTotal(Math.max(1, p.pagesTotal));
    this.bar.update(p.pagesDone, { detail: describe(p) });
  }

  /** Stops the live line; after a backup that went through, says what it wrote and how fast. */
  stop(done: { bytes: number; elapsedMs: number } | null) {
    this.bar?.stop();
    this.bar = null;
    if (this.quiet || !done) return;
    this.stream.write(
      `yardstick: backed up ${megabytes(done.bytes)} in ${(done.elapsedMs / 1000).toFixed(1)}s\n`,
    );
  }
}
