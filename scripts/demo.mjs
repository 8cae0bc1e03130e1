#!/usr/bin/env node
/**
 * `npm run demo` — the first thing to try: runs the bundled example suite (support-ticket
 * triage, resources/examples/support/suite.yaml) against the default local model, in-process,
 * with no keys, and ends with a results summary.
 *
 *   npm run demo                 # the first 20 of the 150 tickets
 *   npm run demo -- --all        # all 150
 *   npm run demo -- --json       # any other `yardstick run` option passes through
 *
 * The local model is `YARDSTICK_LOCAL_MODEL` if set, else the default model (downloaded once,
 * with progress). Without a network and without that variable, the tiny model next to the
 * repository (../shared/models/stories260K.gguf) is used, and this script says so.
 */
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const suite = join(repoRoot, 'resources', 'examples', 'support', 'suite.yaml');
const sharedModel = join(repoRoot, '..', 'shared', 'models', 'stories260K.gguf');
const defaultModelFile = 'qwen2.5-0.5b-instruct-q4_k_m.gguf';
const demoItems = 20;

/** Where the app keeps downloaded models (src-main/core/providers/local/modelResolver.ts). */
function modelsDir(env) {
  const home = homedir();
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Yardstick', 'models');
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Yardstick', 'models');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Yardstick', 'models');
}

async function hasNetwork() {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const resolved = lookup('huggingface.co').then(
    () => true,
    () => false,
  );
  return Promise.race([resolved, timeout]);
}

function say(line) {
  process.stderr.write(`demo: ${line}\n`);
}

const args = process.argv.slice(2);
const all = args.includes('--all');
const passThrough = args.filter((a) => a !== '--all');
const env = { ...process.env };

if (!env.YARDSTICK_LOCAL_MODEL && !existsSync(join(modelsDir(env), defaultModelFile))) {
  if (await hasNetwork()) {
    say('the default local model is downloaded once (about 0.5 GB) before the first run');
  } else if (existsSync(sharedModel)) {
    env.YARDSTICK_LOCAL_MODEL = sharedModel;
    say('no network and YARDSTICK_LOCAL_MODEL is not set: using ../shared/models/stories260K.gguf');
    say('(a 260K-parameter story model: it runs the whole pipeline, but its answers are nonsense)');
  } else {
    say('no network: set YARDSTICK_LOCAL_MODEL to the path of a GGUF file and try again');
  }
}

const limit = all || passThrough.includes('--limit') ? [] : ['--limit', String(demoItems)];
if (limit.length > 0)
  say(`running the first ${demoItems} of 150 tickets (npm run demo -- --all for all)`);

const fromSource = existsSync(join(repoRoot, 'node_modules', 'tsx'));
const entry = fromSource
  ? ['--import', 'tsx', join(repoRoot, 'src-main', 'cli', 'main.ts')]
  : [join(repoRoot, 'bin', 'yardstick.mjs')];
/** Runs the CLI; resolves with its exit code (stdout captured when `capture` is set). */
function cli(cliArgs, capture = false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...entry, ...cliArgs], {
      cwd: repoRoot,
      env,
      stdio: capture ? ['ignore', 'pipe', 'ignore'] : 'inherit',
    });
    let out = '';
    child.stdout?.on('data', (chunk) => (out += chunk));
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 130 : 1), out });
    });
  });
}

/** Local model servers already running here are offered as alternatives to the GGUF model. */
async function offerLocalServers() {
  const { code, out } = await cli(['providers', 'detect', '--json'], true);
  if (code !== 0) return;
  let servers = [];
  try {
    servers = JSON.parse(out);
  } catch {
    return;
  }
  if (!Array.isArray(servers) || servers.length === 0) return;
  say('local model servers found on this machine; to evaluate one instead, set in the suite:');
  for (const server of servers) {
    const model = server.models?.[0] ?? '<model>';
    say(`  provider: ${server.preset}, model: ${model}    (${server.label} at ${server.baseUrl})`);
  }
}

const run = await cli(['run', suite, ...limit, ...passThrough]);
if (run.code === 0 || run.code === 5) await offerLocalServers();
process.exitCode = run.code;
