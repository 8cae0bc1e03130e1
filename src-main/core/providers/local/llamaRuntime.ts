/**
 * node-llama-cpp, loaded once per process (or worker thread) and shared: the native library
 * and each GGUF model are loaded on first use and reused by every adapter in the thread.
 * The module is imported lazily so that code paths without a local model never pay for it.
 */
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
