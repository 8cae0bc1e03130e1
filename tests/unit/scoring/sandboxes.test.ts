import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runPython } from '@core/scoring/sandbox/pythonSandbox';
import { runScoreFunction } from '@core/scoring/sandbox/quickjsSandbox';
import { buildProgram } from '@core/scoring/scorers/code';
import { score, scoreInput } from './scoreInput';

const limits = { timeoutMs: 500, memoryMb: 16 };

describe('custom JavaScript scorer sandbox (QuickJS)', () => {
  it('runs score() and accepts a number, a boolean or { value, pass, details }', async () => {
    const code =
      'function score({ output, reference }) { return { value: output.length, pass: output === reference, details: { n: 1 } }; }';
    const result = await score(
      'custom-js',
      { code },
      scoreInput({ output: 'abc', reference: 'abc' }),
    );
    expect(result).toMatchObject({ value: 3, isPass: true, details: { n: 1 } });
    expect(
      (await score('custom-js', { code: 'function score() { return true; }' }, scoreInput())).value,
    ).toBe(1);
    expect(
      (await score('custom-js', { code: 'function score() { return "yes"; }' }, scoreInput()))
        .error,
    ).toMatch(/expected a number/);
  });

  it('has no file system, network, process or module loading', async () => {
    for (const probe of [
      'typeof require',
      'typeof process',
      'typeof fetch',
      'typeof XMLHttpRequest',
      'typeof std',
      'typeof os',
      'typeof WebAssembly',
    ]) {
      const outcome = await runScoreFunction(`function score() { return ${probe}; }`, {}, limits);
      expect(outcome).toEqual({ ok: true, value: 'undefined' });
    }
    const imported = await runScoreFunction(
      'import("fs"); function score() { return 1; }',
      {},
      limits,
    );
    expect(imported.ok).toBe(true);
    const dynamic = await runScoreFunction(
      'var r; import("fs").then(() => (r = "loaded"), (e) => (r = String(e))); function score() { return r === undefined ? "pending" : r; }',
      {},
      limits,
    );
    expect(dynamic).not.toEqual({ ok: true, value: 'loaded' });
  });

  it('stops an endless loop at the time limit', async () => {
    const started = performance.now();
    const outcome = await runScoreFunction('function score() { for (;;) {} }', {}, limits);
    expect(outcome).toEqual({ ok: false, error: 'timed out after 500 ms' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops runaway allocation at the memory limit', async () => {
    const outcome = await runScoreFunction(
      'function score() { var a = []; for (;;) a.push("x".repeat(100000) + a.length); }',
      {},
      { timeoutMs: 5000, memoryMb: 8 },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/memory|InternalError/i);
  });

  it('reports syntax errors and a missing score function', async () => {
    expect(await runScoreFunction('function score( {', {}, limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/SyntaxError/) as string,
    });
    expect(await runScoreFunction('var x = 1;', {}, limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must define function score/) as string,
    });
  });
});

// Child processes: python3 start-up makes these slower than pure unit tests; each stays well under 10 s.
describe('Python subprocess sandbox', () => {
  const opts = { timeoutMs: 5000, memoryMb: 256 };

  it('passes a program that exits 0 and fails one that raises, keeping the traceback', async () => {
    expect((await runPython('assert 1 + 1 == 2', opts)).passed).toBe(true);
    const failed = await runPython('def f():\n    raise ValueError("boom")\nf()', opts);
    expect(failed.passed).toBe(false);
    expect(failed.stderrTail).toMatch(/ValueError: boom/);
  });

  it('blocks network access', async () => {
    const result = await runPython(
      'import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      opts,
    );
    expect(result.passed).toBe(false);
    expect(result.stderrTail).toMatch(/blocked by the Yardstick sandbox/);
    const raw = await runPython(
      'import _socket\ns = _socket.socket(2, 1)\ns.connect(("127.0.0.1", 9))',
      opts,
    );
    expect(raw.passed).toBe(false);
  });

  it('blocks starting processes', async () => {
    const result = await runPython('import os\nos.system("echo hi")', opts);
    expect(result.passed).toBe(false);
    expect(result.stderrTail).toMatch(/blocked/);
  });

  it('kills a program at the time limit', async () => {
    const result = await runPython('while True:\n    pass', { timeoutMs: 800, memoryMb: 256 });
    expect(result).toMatchObject({ passed: false, timedOut: true });
  });

  it('enforces the memory limit', async () => {
    const result = await runPython('x = bytearray(400 * 1024 * 1024)', {
      timeoutMs: 5000,
      memoryMb: 128,
    });
    expect(result.passed).toBe(false);
    expect(result.stderrTail).toMatch(/MemoryError/);
  });

  it('runs in a scratch directory that is deleted afterwards', async () => {
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('yardstick-code-'));
    const result = await runPython(
      'import os\nopen("scratch.txt", "w").write("x")\nassert os.path.exists("guard.py")',
      opts,
    );
    expect(result.passed).toBe(true);
    const after = readdirSync(tmpdir()).filter((d) => d.startsWith('yardstick-code-'));
    expect(after.filter((d) => !before.includes(d))).toEqual([]);
    expect(existsSync('scratch.txt')).toBe(false);
  });

  it('builds HumanEval programs from body-only and whole-function completions', () => {
    const prompt = 'def add(a, b):\n    """Add."""\n';
    expect(
      buildProgram(prompt, '    return a + b\n', 'def check(c):\n    assert c(1, 2) == 3', 'add'),
    ).toBe(
      'def add(a, b):\n    """Add."""\n    return a + b\n\n\ndef check(c):\n    assert c(1, 2) == 3\n\ncheck(add)\n',
    );
    expect(
      buildProgram(prompt, '```python\ndef add(a, b):\n    return a + b\n```', 'T', 'add'),
    ).toContain('"""Add."""\n\ndef add(a, b):\n    return a + b\n');
  });
});
