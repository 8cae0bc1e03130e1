#!/usr/bin/env node
// Entry for `npx yardstick` / the `yardstick` bin: runs the built CLI bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(
    `yardstick: the app is not built yet. Run \`npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exit(2);
}
await import(cli.href);
