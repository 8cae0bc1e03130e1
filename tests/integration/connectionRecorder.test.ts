import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core';
import { useTempDir } from '../support/tempDir';

/** The e2e "no phoning home" check is only as good as its recorder: show that it records. */
describe('outbound connection recorder', () => {
  const tempDir = useTempDir();

  it('records TCP connects and DNS lookups of the process it is loaded into', () => {
    const log = join(tempDir(), 'connections.jsonl');
    const script = `
      const net = require('node:net');
      const dns = require('node:dns');
      dns.lookup('yardstick-test.invalid', () => {
        const socket = net.connect({ host: '192.0.2.1', port: 443 });
        socket.on('error', () => {});
        setTimeout(() => { socket.destroy(); process.exit(0); }, 50);
      });`;
    const result = spawnSync(
      process.execPath,
      ['--import', join(repoRoot, 'tests/e2e/support/recordConnections.mjs'), '-e', script],
      { env: { ...process.env, YARDSTICK_CONNECTION_LOG: log }, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const entries = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; target: string });
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'dns', target: 'yardstick-test.invalid' }),
        expect.objectContaining({ kind: 'tcp', target: '192.0.2.1:443' }),
      ]),
    );
  });
});
