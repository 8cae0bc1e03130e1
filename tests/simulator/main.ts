/**
 * Runs the simulator in its own process, for benchmarks:
 *   node --import tsx tests/simulator/main.ts --port 0 [--config '{"latency": 50}']
 * prints the base URL on a line of its own once listening, then serves until killed.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import type { SimulatorConfig } from './types';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
  },
});

let config: SimulatorConfig = {};
if (values.config) {
  try {
    config = JSON.parse(values.config) as SimulatorConfig;
  } catch (error) {
    process.stderr.write(`simulator: --config is not valid JSON: ${String(error)}\n`);
    process.exit(2);
  }
}

const simulator = await startSimulator({ ...config, port: Number(values.port), host: values.host });
process.stdout.write(`${simulator.url}\n`);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
