/**
 * Runs untrusted Python in a child process, never in the app process: a scratch directory
 * (deleted afterwards) as cwd and HOME, a minimal environment, a wall-clock limit (the whole
 * process group is killed), CPU / address-space / file-size / process limits set with
 * resource.setrlimit in the child, sockets and process-spawning functions disabled inside the
 * interpreter, and — where `unshare -n` works — a network namespace with no interfaces.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PythonRunOptions {
  timeoutMs: number;
  memoryMb: number;
  python?: string;
}

export interface PythonRunResult {
  passed: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stderr (a traceback, usually). */
  stderrTail: string;
  durationMs: number;
  isNetworkIsolated: boolean;
}

/**
 * The guard runs before the program: limits first (they bind the child and anything it could
 * start), then it removes the ways out that remain inside the interpreter.
 */
const guard = String.raw`
import resource, sys, os, builtins, socket, faulthandler
mem = int(sys.argv[1]) * 1024 * 1024
cpu = int(sys.argv[2])
for limit, value in ((resource.RLIMIT_AS, mem), (resource.RLIMIT_DATA, mem), (resource.RLIMIT_CPU, cpu),
                     (resource.RLIMIT_FSIZE, 10 * 1024 * 1024), (resource.RLIMIT_NPROC, 64), (resource.RLIMIT_CORE, 0)):
    try:
        resource.setrlimit(limit, (value, value))
    except (ValueError, OSError):
        pass
def _blocked(*args, **kwargs):
    raise PermissionError("blocked by the Yardstick sandbox")
class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise PermissionError("network access is blocked by the Yardstick sandbox")
socket.socket = _NoSocket
socket.create_connection = _blocked
socket.socketpair = _blocked
import subprocess, shutil
for name in ("system", "popen", "fork", "forkpty", "execv", "execve", "execl", "execle", "execlp", "execvp", "execvpe",
             "spawnl", "spawnv", "spawnve", "kill", "killpg", "putenv", "setuid", "chroot", "removedirs", "rmdir"):
    if hasattr(os, name):
        setattr(os, name, _blocked)
subprocess.Popen = _blocked
subprocess.run = _blocked
subprocess.call = _blocked
shutil.rmtree = _blocked
shutil.move = _blocked
source = open("program.py", encoding="utf-8").read()
code = compile(source, "program.py", "exec")
exec(code, {"__name__": "__main__", "__builtins__": builtins})
`;

let isolation: string[] | null | undefined;

/** The command prefix that gives a child no network, tested once per process. */
function networkIsolation(): string[] | null {
  if (isolation !== undefined) return isolation;
  isolation = null;
  for (const prefix of [
    ['unshare', '-n'],
    ['unshare', '-r', '-n'],
  ]) {
    const probe = spawnSync(prefix[0] as string, [...prefix.slice(1), 'true'], {
      stdio: 'ignore',
      timeout: 3000,
    });
    if (probe.status === 0) {
      isolation = prefix;
      break;
    }
  }
  return isolation;
}

export async function runPython(
  program: string,
  options: PythonRunOptions,
): Promise<PythonRunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'yardstick-code-'));
  const started = performance.now();
  try {
    await writeFile(join(dir, 'program.py'), program, 'utf8');
    await writeFile(join(dir, 'guard.py'), guard, 'utf8');
    const prefix = networkIsolation();
    const python = options.python ?? 'python3';
    const cpuSeconds = String(Math.ceil(options.timeoutMs / 1000) + 1);
    const args = ['-I', '-S', '-B', 'guard.py', String(options.memoryMb), cpuSeconds];
    const [command, ...commandArgs] = prefix ? [...prefix, python, ...args] : [python, ...args];
    return await new Promise<PythonRunResult>((resolve) => {
      const child = spawn(command as string, commandArgs, {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: dir,
          LANG: 'C.UTF-8',
          PYTHONHASHSEED: '0',
          PYTHONDONTWRITEBYTECODE: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      let stderr = '';
      let timedOut = false;
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, options.timeoutMs);
      const finish = (exitCode: number | null) => {
        clearTimeout(timer);
        killGroup(child.pid);
        resolve({
          passed: exitCode === 0 && !timedOut,
          exitCode,
          timedOut,
          stderrTail: stderr.split('\n').slice(-12).join('\n').trim(),
          durationMs: performance.now() - started,
          isNetworkIsolated: prefix !== null,
        });
      };
      child.once('error', (error) => {
        stderr += String(error);
        finish(null);
      });
      child.once('close', (code) => finish(code));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
