/**
 * The `local` provider: GGUF models run in-process through node-llama-cpp. The context uses
 * every core but one (llamaRuntime.ts says why) and only one context computes at a time in a
 * thread, whatever the suite's concurrency: the work is CPU-bound. Each
 * call starts from a clean sequence so items never see each other, text streams through the
 * token callbacks so time to first token is real, and token counts come from the model's own
 * tokenizer. Chat formatting uses the model's template when the GGUF has one; otherwise the
 * messages are joined into a plain prompt (completion models such as stories260K).
 */
import { basename } from 'node:path';
import type {
  ChatHistoryItem,
  LlamaContext,
  LlamaContextSequence,
  LlamaModel,
} from 'node-llama-cpp';
import { z } from 'zod';
import { abortedByTimeout } from '../errors';
import { CallClock } from '../timing';
import {
  defineProvider,
  ProviderError,
  type ChatMessage,
  type CompletionRequest,
  type CompletionResult,
  type ConnectionTest,
  type ProviderAdapter,
} from '../types';
import { computeGate, defaultLocalThreads, nodeLlamaCpp, sharedModel } from './llamaRuntime';
import { findLocalModel, resolveLocalModel } from './modelResolver';

export const localConfig = z.strictObject({
  modelPath: z
    .string()
    .min(1)
    .optional()
    .describe(
      'GGUF file to run; default: YARDSTICK_LOCAL_MODEL, else the downloaded default model',
    ),
  contextSize: z
    .number()
    .int()
    .min(64)
    .max(1_048_576)
    .default(4096)
    .describe("Context window in tokens (capped at the model's own)"),
  threads: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .optional()
    .describe('CPU threads; default: one per core but one'),
  parallel: z
    .number()
    .int()
    .min(1)
    .max(16)
    .default(1)
    .describe('Completions run at once (context sequences)'),
  defaultMaxTokens: z
    .number()
    .int()
    .min(1)
    .default(512)
    .describe('max_tokens when the suite sets none'),
  gpu: z.enum(['auto', 'cpu']).default('auto').describe('Use a GPU when one is available'),
  allowDownload: z
    .boolean()
    .default(true)
    .describe('Download the default model on first use when no GGUF file is configured'),
});
export type LocalConfig = z.infer<typeof localConfig>;

/** Suites name the local model `default` (or leave it empty) unless they give a GGUF path. */
export function isDefaultModelName(model: string): boolean {
  return model === '' || model === 'default';
}

interface Loaded {
  path: string;
  model: LlamaModel;
  context: LlamaContext;
  free: LlamaContextSequence[];
  waiting: Array<(sequence: LlamaContextSequence) => void>;
  hasTemplate: boolean;
}

function plainPrompt(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content).join('\n\n');
}

function chatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'assistant'
      ? { type: 'model', response: [m.content] }
      : { type: m.role, text: m.content },
  );
  history.push({ type: 'model', response: [] });
  return history;
}

const finishReasons: Record<string, string> = {
  maxTokens: 'length',
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
};

class LocalAdapter implements ProviderAdapter {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private closed = false;

  constructor(private readonly config: LocalConfig) {}

  private gpu(): 'auto' | false {
    return this.config.gpu === 'cpu' ? false : 'auto';
  }

  /** The GGUF path for a request's model name. */
  private async pathFor(model: string, signal?: AbortSignal): Promise<string> {
    const explicit = isDefaultModelName(model) ? this.config.modelPath : model;
    const resolved = await resolveLocalModel({
      explicitPath: explicit,
      allowDownload: this.config.allowDownload,
      ...(signal ? { signal } : {}),
    });
    return resolved.path;
  }

  private load(path: string): Promise<Loaded> {
    let loading = this.loaded.get(path);
    if (!loading) {
      loading = (async () => {
        const model = await sharedModel(path, this.gpu());
        const context = await model.createContext({
          contextSize: Math.min(this.config.contextSize, model.trainContextSize),
          sequences: this.config.parallel,
          threads: this.config.threads ?? defaultLocalThreads(),
        });
        const free = Array.from({ length: this.config.parallel }, () => context.getSequence());
        const template = model.fileInfo.metadata.tokenizer?.chat_template;
        return {
          path,
          model,
          context,
          free,
          waiting: [],
          hasTemplate: typeof template === 'string' && template.length > 0,
        };
      })();
      loading.catch(() => this.loaded.delete(path));
      this.loaded.set(path, loading);
    }
    return loading;
  }

  private acquire(loaded: Loaded): Promise<LlamaContextSequence> {
    const sequence = loaded.free.pop();
    if (sequence) return Promise.resolve(sequence);
    return new Promise((resolve) => loaded.waiting.push(resolve));
  }

  private release(loaded: Loaded, sequence: LlamaContextSequence): void {
    const next = loaded.waiting.shift();
    if (next) next(sequence);
    else loaded.free.push(sequence);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (this.closed) throw new ProviderError('unavailable', 'the local provider was closed');
    const loaded = await this.load(await this.pathFor(request.model, request.signal));
    const sequence = await this.acquire(loaded);
    try {
      await computeGate.enter(loaded.context, request.signal);
      try {
        return await this.generate(loaded, sequence, request);
      } finally {
        computeGate.leave();
      }
    } catch (error) {
      throw this.failure(error, request.signal);
    } finally {
      this.release(loaded, sequence);
    }
  }

  private async generate(
    loaded: Loaded,
    sequence: LlamaContextSequence,
    request: CompletionRequest,
  ): Promise<CompletionResult> {
    const { LlamaChat, LlamaCompletion, resolveChatWrapper } = await nodeLlamaCpp();
    const clock = new CallClock();
    const p = request.params;
    // Every item starts from an empty sequence: no state leaks from the previous item.
    await sequence.clearHistory();
    const before = sequence.tokenMeter.getState();
    const options = {
      maxTokens: p.max_tokens ?? this.config.defaultMaxTokens,
      temperature: p.temperature,
      topP: p.top_p,
      seed: p.seed,
      customStopTriggers: p.stop && p.stop.length > 0 ? p.stop : undefined,
      signal: request.signal,
      onTextChunk: (text: string) => clock.chunk(text),
    };
    let text: string;
    let stopReason: string;
    let inputTokens: number;
    if (loaded.hasTemplate) {
      const chatWrapper = resolveChatWrapper(loaded.model);
      const history = chatHistory(request.messages);
      inputTokens = chatWrapper
        .generateContextState({ chatHistory: history })
        .contextText.tokenize(loaded.model.tokenizer).length;
      this.checkFits(inputTokens, loaded);
      const chat = new LlamaChat({
        contextSequence: sequence,
        chatWrapper,
        autoDisposeSequence: false,
      });
      try {
        const response = await chat.generateResponse(history, options);
        text = response.response;
        stopReason = response.metadata.stopReason;
      } finally {
        chat.dispose({ disposeSequence: false });
      }
    } else {
      const prompt = plainPrompt(request.messages);
      inputTokens =
        loaded.model.tokenize(prompt).length + (loaded.model.tokens.shouldPrependBosToken ? 1 : 0);
      this.checkFits(inputTokens, loaded);
      const completion = new LlamaCompletion({
        contextSequence: sequence,
        autoDisposeSequence: false,
      });
      try {
        const response = await completion.generateCompletionWithMeta(prompt, options);
        text = response.response;
        stopReason = response.metadata.stopReason;
      } finally {
        completion.dispose({ disposeSequence: false });
      }
    }
    if (stopReason === 'abort') throw new ProviderError('cancelled', 'local model: cancelled');
    const after = sequence.tokenMeter.getState();
    return {
      text,
      finishReason: finishReasons[stopReason] ?? stopReason,
      inputTokens,
      outputTokens: after.usedOutputTokens - before.usedOutputTokens,
      timing: clock.finish(),
      httpStatus: null,
    };
  }

  private checkFits(inputTokens: number, loaded: Loaded): void {
    if (inputTokens >= loaded.context.contextSize) {
      throw new ProviderError(
        'bad_request',
        `local model: the prompt has ${inputTokens} tokens but the context holds ${loaded.context.contextSize}; raise contextSize or shorten the prompt`,
      );
    }
  }

  private failure(error: unknown, signal: AbortSignal): ProviderError {
    if (error instanceof ProviderError) return error;
    if (signal.aborted) {
      return abortedByTimeout(signal.reason)
        ? new ProviderError('timeout', 'local model: timed out')
        : new ProviderError('cancelled', 'local model: cancelled');
    }
    return new ProviderError('server', `local model failed: ${String(error)}`);
  }

  async testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    const started = performance.now();
    try {
      // Testing must not start a large download: report what would happen instead.
      const found = findLocalModel({ explicitPath: this.config.modelPath });
      if (!found) {
        const hint = this.config.allowDownload
          ? 'the default model will be downloaded on first use'
          : 'set YARDSTICK_LOCAL_MODEL to a GGUF file';
        return { ok: false, message: `No local GGUF model yet: ${hint}.` };
      }
      if (signal.aborted) throw new ProviderError('cancelled', 'cancelled');
      const loaded = await this.load(found.path);
      const latencyMs = performance.now() - started;
      const name = basename(found.path);
      return {
        ok: true,
        message: `Loaded ${name} (${found.source}): context ${loaded.context.contextSize} tokens, ${this.config.threads ?? defaultLocalThreads()} threads${loaded.hasTemplate ? ', chat template' : ', plain prompts'}.`,
        models: [name],
        latencyMs,
      };
    } catch (error) {
      return {
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        latencyMs: performance.now() - started,
      };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.loaded.values()];
    this.loaded.clear();
    for (const loading of all) {
      try {
        await (await loading).context.dispose();
      } catch {
        // A context that failed to load has nothing to dispose.
      }
    }
  }
}

/** GGUF models in-process via node-llama-cpp: private by construction (nothing leaves the machine). */
export const localProvider = defineProvider({
  id: 'local',
  label: 'Local GGUF model (in-process)',
  configSchema: localConfig,
  capabilities: () => ({ streaming: true, embeddings: false, local: true }),
  create: (config) => new LocalAdapter(config),
});
