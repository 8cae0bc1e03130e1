/**
 * `tsx bench/run.ts NAME [args…]`: builds benchmark `bench/NAME.ts` (with the core's workers
 * and the provider simulator) the way the app is built, then runs the bundle with plain Node,
 * passing the arguments and environment on. See bundle.ts for why.
 */
import { spawn } from 'node:child_process';
import { bundled } from './bundle';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z]+$/.test(name)) {
  process.stderr.write('usage: tsx bench/run.ts NAME [args…]  (NAME: a file bench/NAME.ts)\n');
  process.exit(2);
}
const started = performance.now();
const files = await bundled({ [name]: `bench/${name}.ts`, simulator: 'tests/simulator/main.ts' });
process.stdout.write(
  `(built bench/${name}.ts and the engine into out/bench in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
);
const child = spawn(process.execPath, [files[name] as string, ...args], { stdio: 'inherit' });
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
