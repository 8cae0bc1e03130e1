/**
 * `npm run bench:import`: generates a large JSON Lines file (1 GiB by default; set
 * BENCH_IMPORT_MB to change it) in a temporary folder, imports it with the built CLI
 * (`yardstick import FILE --dataset bench --json`, the same job the app runs), and prints
 * wall time, rows/s, MB/s and the importing process's peak resident memory (ru_maxrss),
 * which must stay under 300 MB. Exits 1 if it does not. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const budgetMb = 300;
const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const words = (
  'the of and to in is was for on that with as by at from his her an which be this are or had ' +
  'not have but were they one all she there their been if has will who more no when what so ' +
  'answer question customer invoice refund account password billing cloud sync device error'
).split(' ');

/** A realistic eval row: an id, a 40–90 word question, a short answer, a category, tags, metadata. */
function row(i: number): string {
  let seed = (i * 2654435761) >>> 0;
  const next = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0);
  const length = 40 + (next() % 50);
  const question = Array.from({ length }, () => words[next() % words.length]).join(' ');
  return `${JSON.stringify({
    id: `row-${i}`,
    question: `${question}?`,
    answer: `${next() % 1000}`,
    category: `category-${next() % 24}`,
    tags: [`t${next() % 7}`, `t${next() % 11}`],
    metadata: { source: 'bench', difficulty: next() % 5, language: 'en' },
  })}\n`;
}

async function generate(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 2000; i++) chunk.push(row(rows++));
    const text = chunk.join('');
    written += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return rows;
}

/** The app's CLI, built (`npm run build`): the bundle users run, not the TypeScript sources. */
function builtCli(): string {
  const cli = join(repoRoot, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
  return cli;
}

/** Samples the child's resident memory while it runs (Linux), to print how it evolves. */
function sampleRss(pid: number, samples: number[]): () => void {
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      if (kb) samples.push(Number(kb) / 1024);
    } catch {
      // Not Linux, or the process has exited.
    }
  }, 1000);
  return () => clearInterval(timer);
}

async function main() {
  const megabytes = Number(process.env.BENCH_IMPORT_MB ?? 1024);
  const cli = builtCli();
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-import-'));
  try {
    const file = join(dir, 'big.jsonl');
    process.stderr.write(`generating ${megabytes} MiB of JSON Lines in ${dir} …\n`);
    const rows = await generate(file, megabytes * 1024 * 1024);
    const bytes = statSync(file).size;
    process.stderr.write(
      `importing ${rows.toLocaleString('en-US')} rows (${(bytes / 1e6).toFixed(0)} MB) with ${cli} …\n`,
    );
    const peakFile = join(dir, 'peak.json');
    const started = performance.now();
    const proc = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(repoRoot, 'bench', 'peakRss.mjs')).href,
        cli,
        '--workspace',
        join(dir, 'workspace'),
        'import',
        file,
        '--dataset',
        'bench',
        '--json',
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, BENCH_PEAK_FILE: peakFile, YARDSTICK_KEY_FILE: join(dir, 'key') },
      },
    );
    const samples: number[] = [];
    const stopSampling = sampleRss(proc.pid ?? 0, samples);
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => proc.once('close', resolve));
    stopSampling();
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`yardstick import exited with ${String(code)}: ${out}`);
    const outcome = JSON.parse(out) as {
      status: string;
      itemCount: number;
      problemCount: number;
      contentHash: string | null;
    };
    const peakMb =
      ((JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKb: number }).maxRssKb * 1024) / 1e6;
    const ok = outcome.status === 'imported' && outcome.itemCount === rows && peakMb < budgetMb;
    const every = Math.max(1, Math.ceil(samples.length / 12));
    const lines = [
      `file          ${(bytes / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en-US')} rows`,
      `outcome       ${outcome.status}, ${outcome.itemCount.toLocaleString('en-US')} items, ${outcome.problemCount} problems, hash ${outcome.contentHash ?? '-'}`,
      `wall time     ${seconds.toFixed(1)} s (process start to exit)`,
      `throughput    ${(outcome.itemCount / seconds).toFixed(0)} rows/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
      `peak RSS      ${peakMb.toFixed(0)} MB (budget ${budgetMb} MB: ${(peakMb / budgetMb).toFixed(2)} of it)`,
      `RSS over time ${samples
        .filter((_, i) => i % every === 0)
        .map((mb) => mb.toFixed(0))
        .join(' → ')} MB`,
      `verdict       ${ok ? 'PASS' : 'FAIL'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
