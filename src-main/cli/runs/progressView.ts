import cliProgress from 'cli-progress';
import type { RunProgress } from '@contract/routes/runs';

/** A duration for a progress line: 42s, 3m05s, ? when unknown. */
export function seconds(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '?';
  if (ms < 60_000) return `${Math.ceil(ms / 1000)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.ceil((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

function describe(p: RunProgress): string {
  const r = p.throughputPerSec;
  const rate = r === null ? '?' : r.toFixed(r < 1 ? 2 : r < 10 ? 1 : 0);
  const cost = p.costUsd ? ` $${p.costUsd.toFixed(4)}` : '';
  const paused = p.providers
    .filter((x) => x.circuit !== 'closed' || x.isPausedByProvider)
    .map((x) => `${x.key}: ${x.isPausedByProvider ? 'rate limited' : `circuit ${x.circuit}`}`);
  const eta = p.done >= p.total ? 'done' : `ETA ${seconds(p.etaMs)}`;
  return `${p.ok - p.cached} ok, ${p.errors} errors, ${p.cached} cached | ${rate}/s | ${eta}${cost}${paused.length ? ` | ${paused.join(', ')}` : ''}${p.stopping ? ` | ${p.stopping}…` : ''}`;
}

/** A live bar on a terminal stream (run and merge progress); `format` uses cli-progress tokens. */
export function terminalBar(stream: NodeJS.WriteStream, format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { stream, format, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
}

/**
 * Run progress on stderr: a live bar on a terminal, a plain line every few seconds otherwise
 * (CI logs). stdout stays free for `--json`.
 */
export class ProgressView {
  private bar: cliProgress.SingleBar | null = null;
  private lastLine = 0;
  private lastText = '';

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly lineEveryMs = 2_000,
  ) {}

  update(p: RunProgress) {
    if (this.stream.isTTY) {
      if (!this.bar) {
        this.bar = terminalBar(
          this.stream,
          ' {bar} {percentage}% | {value}/{total} cells | {detail}',
        );
        this.bar.start(p.total, p.done, { detail: describe(p) });
      }
      this.bar.setTotal(p.total);
      this.bar.update(p.done, { detail: describe(p) });
      return;
    }
    const now = Date.now();
    if (now - this.lastLine < this.lineEveryMs && p.done < p.total) return;
    const text = `yardstick: ${p.done}/${p.total} cells (${p.total ? Math.floor((p.done * 100) / p.total) : 100}%) | ${describe(p)}`;
    if (text === this.lastText) return;
    this.lastLine = now;
    this.lastText = text;
    this.stream.write(`${text}\n`);
  }

  stop() {
    this.bar?.stop();
    this.bar = null;
  }
}
