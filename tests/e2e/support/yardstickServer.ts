import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** 127.0.0.0/8, ::1 and localhost, with or without a port. */
export function isLoopbackTarget(target: string): boolean {
  const host = target.replace(/^\[|\](:\d+)?$/g, '').replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  workspaceDir: string;
  connectionLog: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /**
   * Starts the server again after `stop()`: same workspace, key file and port; with the same
   * token (a plain outage, through the test-only serveWithToken.ts) or a new one (a restart
   * of `yardstick serve`).
   */
  restart(options: { sameToken: boolean }): Promise<RunningServer>;
  /** Connections and DNS lookups to anything but this machine's loopback. */
  outboundConnections(): { kind: string; target: string }[];
}

/**
 * Starts the built app in browser mode (`node bin/yardstick.mjs serve --port 0`) on a fresh
 * workspace, with every outbound connection the process attempts recorded.
 */
export async function startServer(
  options: {
    workspaceDir?: string;
    env?: Record<string, string>;
    /** Reuse a stopped server's home (key file, connection log); see `restart`. */
    home?: string;
    port?: number;
    /** Keep this token instead of a new one: runs tests/e2e/support/serveWithToken.ts. */
    token?: string;
  } = {},
): Promise<RunningServer> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'yardstick-e2e-'));
  const workspaceDir = options.workspaceDir ?? join(home, 'workspace');
  const connectionLog = join(home, 'connections.jsonl');
  const port = String(options.port ?? 0);
  const command = options.token
    ? [
        '--import',
        'tsx',
        join(repoRoot, 'tests/e2e/support/serveWithToken.ts'),
        workspaceDir,
        port,
        options.token,
      ]
    : [join(repoRoot, 'bin/yardstick.mjs'), '--workspace', workspaceDir, 'serve', '--port', port];
  const child = spawn(
    process.execPath,
    ['--import', join(repoRoot, 'tests/e2e/support/recordConnections.mjs'), ...command],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        YARDSTICK_KEY_FILE: join(home, 'keys', 'secret.key'),
        YARDSTICK_CONNECTION_LOG: connectionLog,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(l));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`yardstick serve exited (${String(code)}): ${stderr}`)),
    );
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    workspaceDir,
    connectionLog,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    restart({ sameToken }) {
      return startServer({
        ...options,
        home,
        workspaceDir,
        port: Number(parsed.port),
        ...(sameToken ? { token: parsed.searchParams.get('token') ?? '' } : { token: undefined }),
      });
    },
    outboundConnections() {
      if (!existsSync(connectionLog)) return [];
      return readFileSync(connectionLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { kind: string; target: string })
        .filter((entry) => !isLoopbackTarget(entry.target));
    },
  };
}
