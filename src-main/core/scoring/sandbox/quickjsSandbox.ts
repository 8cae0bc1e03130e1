/**
 * User-written JavaScript scorers run in QuickJS compiled to WebAssembly (quickjs-emscripten):
 * a separate engine with its own heap, so the code has no file system, network, process or
 * Node APIs at all — only the language. Time is limited by an interrupt handler checked while
 * the code runs. Memory is limited twice: by the runtime's allocation limit, and — because
 * that build counts allocations rather than bytes — by giving each module a WebAssembly memory
 * whose maximum is the engine's 16 MB base plus the limit, so a huge string fails as
 * "out of memory" instead of growing the worker. Each cell gets a fresh runtime and context.
 */
import {
  newQuickJSWASMModule,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

const wasmPage = 64 * 1024;
/** The release build's declared initial memory (256 pages). */
const baseBytes = 16 * 1024 * 1024;
const modules = new Map<number, Promise<QuickJSWASMModule>>();

function quickjs(memoryMb: number): Promise<QuickJSWASMModule> {
  let module = modules.get(memoryMb);
  if (!module) {
    const maximum = Math.ceil((baseBytes + memoryMb * 1024 * 1024) / wasmPage);
    const memory = new WebAssembly.Memory({ initial: baseBytes / wasmPage, maximum });
    module = newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
    modules.set(memoryMb, module);
  }
  return module;
}

export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
}

export type SandboxOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates `code` (which must define `score`) and returns JSON of score(input). */
export async function runScoreFunction(
  code: string,
  input: unknown,
  limits: SandboxLimits,
): Promise<SandboxOutcome> {
  const QuickJS = await quickjs(limits.memoryMb);
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(limits.memoryMb * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs));
  const vm = runtime.newContext();
  try {
    const program = `${code}
;(function () {
  if (typeof score !== 'function') throw new Error('the scorer code must define function score(input)');
  var result = score(JSON.parse(${JSON.stringify(JSON.stringify(input))}));
  return JSON.stringify(result === undefined ? null : result);
})()`;
    const result = vm.evalCode(program, 'scorer.js');
    if (result.error) {
      const error = vm.dump(result.error) as { name?: string; message?: string } | string;
      result.error.dispose();
      const message =
        typeof error === 'string' ? error : `${error.name ?? 'Error'}: ${error.message ?? ''}`;
      return {
        ok: false,
        error: /interrupted/i.test(message) ? `timed out after ${limits.timeoutMs} ms` : message,
      };
    }
    const text = vm.dump(result.value) as string;
    result.value.dispose();
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // Out-of-memory surfaces as an exception from the engine itself.
    return { ok: false, error: `sandbox: ${String(error)}` };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}
