/**
 * Token estimation for responses whose provider reported no usage, with a real BPE tokenizer
 * (gpt-tokenizer). Exact for OpenAI models; for other families the o200k encoding is a close
 * stand-in, and every number from here is marked as an estimate.
 */
import type { ChatMessage } from '../providers/types';

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

export interface TokenCounter {
  readonly encoding: TokenEncoding;
  /** Tokens of a text. */
  text(text: string): number;
  /** OpenAI's chat accounting: 3 tokens per message plus its role and content, 3 to prime the reply. */
  messages(messages: readonly ChatMessage[]): number;
}

// GPT-4 (not 4o/4.1), GPT-3.5 and the embedding models use cl100k; newer models use o200k.
const cl100kModels = /^(gpt-4(?!o|\.\d)(-|$)|gpt-3\.5|text-embedding-(3|ada))/;

/** The encoding that counts `model`'s tokens (provider prefixes such as `openai/` are ignored). */
export function encodingFor(model: string): TokenEncoding {
  const name = model.toLowerCase().replace(/^.*\//, '');
  return cl100kModels.test(name) ? 'cl100k_base' : 'o200k_base';
}

const loaded = new Map<TokenEncoding, Promise<TokenCounter>>();

/** Loads an encoding once (its rank table takes a few hundred ms to parse) and shares it. */
export function tokenCounter(encoding: TokenEncoding): Promise<TokenCounter> {
  let counter = loaded.get(encoding);
  if (!counter) {
    counter = (async () => {
      const { countTokens } =
        encoding === 'cl100k_base'
          ? await import('gpt-tokenizer/encoding/cl100k_base')
          : await import('gpt-tokenizer/encoding/o200k_base');
      const countText = (text: string) => (text.length === 0 ? 0 : countTokens(text));
      return {
        encoding,
        text: countText,
        messages: (messages) => {
          let total = 3;
          for (const m of messages) total += 3 + countText(m.role) + countText(m.content);
          return total;
        },
      };
    })();
    loaded.set(encoding, counter);
  }
  return counter;
}

export interface UsageCounts {
  inputTokens: number;
  outputTokens: number;
  /** True when either count was estimated here rather than reported by the provider. */
  isEstimate: boolean;
}

/**
 * The provider's usage where it gave it, estimated where it did not: the one way the engine
 * fills token counts for a response.
 */
export async function completeUsage(input: {
  model: string;
  messages: readonly ChatMessage[];
  outputText: string;
  inputTokens: number | null;
  outputTokens: number | null;
}): Promise<UsageCounts> {
  if (input.inputTokens !== null && input.outputTokens !== null) {
    return { inputTokens: input.inputTokens, outputTokens: input.outputTokens, isEstimate: false };
  }
  const counter = await tokenCounter(encodingFor(input.model));
  return {
    inputTokens: input.inputTokens ?? counter.messages(input.messages),
    outputTokens: input.outputTokens ?? counter.text(input.outputText),
    isEstimate: true,
  };
}
