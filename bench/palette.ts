/**
 * Benchmark of the command palette's matcher over 10,000 run names: the one-off preparation
 * when the palette opens, then the ranking done per key press (the palette shows the best 50
 * and counts the rest). Prints the median and worst time per key press against a 16 ms frame.
 *
 *   npm run bench:palette
 */
import { prepare, rank } from '../src-renderer/src/components/palette/fuzzy';

const runs = 10_000;
const frameMs = 16;
const words = ['support', 'triage', 'billing', 'nightly', 'gpt', 'mini', 'claude', 'baseline'];
const names = Array.from({ length: runs }, (_, i) => {
  const w = (k: number) => words[(i * k) % words.length] as string;
  return `${w(1)}-${w(3)} ${w(5)} 2026-0${1 + (i % 9)}-${10 + (i % 18)} #${i}`;
});

let started = performance.now();
const items = names.map((name) => ({ name, prepared: prepare(name) }));
console.log(
  `prepare ${runs} names: ${(performance.now() - started).toFixed(1)} ms (once, on open)`,
);

// What a user types, one key at a time.
const typed = ['nightly 2026-03', 'sup tri', 'bas #99', 'zzz'];
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const query of typed) {
    for (let end = 1; end <= query.length; end++) {
      started = performance.now();
      rank(query.slice(0, end), items, (i) => i.prepared, 50);
      times.push(performance.now() - started);
    }
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
const worst = times[times.length - 1] as number;
console.log(
  `per key press over ${runs} runs (${times.length} presses): median ${median.toFixed(1)} ms, ` +
    `worst ${worst.toFixed(1)} ms; worst / ${frameMs} ms frame = ${(worst / frameMs).toFixed(2)}`,
);
