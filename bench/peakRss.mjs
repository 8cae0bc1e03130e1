// Preloaded into the process under test (`node --import ./bench/peakRss.mjs …`): at exit it
// writes the process's peak resident set size (ru_maxrss) to the file named by BENCH_PEAK_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
