/**
 * node-llama-cpp, loaded once per process (or worker thread) and shared: the native library
 * and each GGUF model are loaded on first use and reused by every adapter in the thread.
 * The module is imported lazily so that code paths without a local model never pay for it.
 */
import { availableParallelism } from 'node:os';
import type * as NodeLlamaCppModule from 'node-llama-cpp';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { ProviderError } from '../types';

type NodeLlamaCpp = typeof NodeLlamaCppModule;

let library: Promise<NodeLlamaCpp> | null = null;
let llama: Promise<Llama> | null = null;
const models = new Map<string, Promise<LlamaModel>>();

export function nodeLlamaCpp(): Promise<NodeLlamaCpp> {
  library ??= import('node-llama-cpp');
  return library;
}

export function sharedLlama(gpu: 'auto' | false): Promise<Llama> {
  llama ??= (async () => {
    const { getLlama, LlamaLogLevel } = await nodeLlamaCpp();
    try {
      // Prebuilt binaries only: never try to compile llama.cpp (that needs a network and a toolchain).
      return await getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.error });
    } catch (error) {
      llama = null;
      throw new ProviderError(
        'unavailable',
        `The local model runtime (node-llama-cpp) could not start on this machine: ${String(error)}`,
      );
    }
  })();
  return llama;
}

/** Loads a GGUF file once; later calls with the same path share the loaded model. */
export function sharedModel(path: string, gpu: 'auto' | false): Promise<LlamaModel> {
  let model = models.get(path);
  if (!model) {
    model = (async () => {
      const runtime = await sharedLlama(gpu);
      try {
        return await runtime.loadModel({ modelPath: path });
      } catch (error) {
        models.delete(path);
        throw new ProviderError(
          'unavailable',
          `Could not load the GGUF model ${path}: ${String(error)}`,
        );
      }
    })();
    models.set(path, model);
  }
  return model;
}

/** Frees every loaded model and the runtime (tests, and a core that is closing). */
export async function unloadLocalModels(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  for (const model of loaded) {
    try {
      await (await model).dispose();
    } catch {
      // A model that failed to load has nothing to free.
    }
  }
  const runtime = llama;
  llama = null;
  if (runtime) {
    try {
      await (await runtime).dispose();
    } catch {
      // Nothing to free if the runtime never started.
    }
  }
}

/**
 * Threads of a context when its config sets none: every core but one. llama.cpp's threads wait
 * for each other at a barrier several times per token, so one of them descheduled (by the
 * engine's own threads, the UI, anything else) stalls the others: measured on 2 busy cores,
 * stories260K produced 200 tokens in 0.12-0.18 s with 1 thread and in 17-40 s with 2.
 */
export function defaultLocalThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Lets one context compute at a time in this thread: contexts are CPU-bound and each already
 * uses all the threads it was given, so two computing at once only make both slower (and
 * both stall at their barriers). Completions on the same context (its parallel sequences) go
 * together, as llama.cpp batches them; a context waiting its turn is let in first.
 */
export class ComputeGate {
  private holder: object | null = null;
  private active = 0;
  private readonly waiting: Array<{ owner: object; admit: () => void }> = [];

  /** Resolves when `owner` may compute; rejects with the signal's reason if it aborts first. */
  enter(owner: object, signal?: AbortSignal): Promise<void> {
    if (this.holder === null || (this.holder === owner && this.waiting.length === 0)) {
      this.holder = owner;
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        owner,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  leave(): void {
    this.active--;
    if (this.active > 0) return;
    this.holder = null;
    const next = this.waiting[0];
    if (!next) return;
    this.holder = next.owner;
    // Every waiter of the same context comes in with it.
    for (let i = 0; i < this.waiting.length;) {
      const waiter = this.waiting[i] as (typeof this.waiting)[number];
      if (waiter.owner !== next.owner) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active++;
      waiter.admit();
    }
  }
}

/** The gate every in-process context of this thread computes through. */
export const computeGate = new ComputeGate();
