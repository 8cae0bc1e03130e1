import { describe, expect, it } from 'vitest';
import { completeUsage, encodingFor, tokenCounter } from '@core/tokens/estimate';

describe('token estimation', () => {
  it('picks the encoding each model family uses', () => {
    expect(encodingFor('gpt-4')).toBe('cl100k_base');
    expect(encodingFor('gpt-4-turbo-2024-04-09')).toBe('cl100k_base');
    expect(encodingFor('gpt-3.5-turbo')).toBe('cl100k_base');
    expect(encodingFor('text-embedding-3-small')).toBe('cl100k_base');
    expect(encodingFor('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingFor('gpt-4.1')).toBe('o200k_base');
    expect(encodingFor('openai/gpt-4')).toBe('cl100k_base');
    expect(encodingFor('claude-sonnet-4-5')).toBe('o200k_base');
  });

  it('counts tokens as OpenAI does (cookbook reference values)', async () => {
    const cl100k = await tokenCounter('cl100k_base');
    // "How to count tokens with tiktoken": "tiktoken is great!" is 6 tokens in cl100k_base.
    expect(cl100k.text('tiktoken is great!')).toBe(6);
    expect(cl100k.text('')).toBe(0);
    // 3 per message + role ("user": 1) + content (6), and 3 to prime the reply.
    expect(cl100k.messages([{ role: 'user', content: 'tiktoken is great!' }])).toBe(13);
    const o200k = await tokenCounter('o200k_base');
    expect(o200k.text('tiktoken is great!')).toBeGreaterThan(2);
    expect(await tokenCounter('o200k_base')).toBe(o200k);
  });

  it('keeps reported usage and estimates only what is missing, marking it', async () => {
    const messages = [{ role: 'user' as const, content: 'tiktoken is great!' }];
    expect(
      await completeUsage({
        model: 'gpt-4',
        messages,
        outputText: 'x',
        inputTokens: 40,
        outputTokens: 2,
      }),
    ).toEqual({ inputTokens: 40, outputTokens: 2, isEstimate: false });
    expect(
      await completeUsage({
        model: 'gpt-4',
        messages,
        outputText: 'tiktoken is great!',
        inputTokens: null,
        outputTokens: null,
      }),
    ).toEqual({ inputTokens: 13, outputTokens: 6, isEstimate: true });
    expect(
      await completeUsage({
        model: 'gpt-4',
        messages,
        outputText: 'tiktoken is great!',
        inputTokens: 99,
        outputTokens: null,
      }),
    ).toEqual({ inputTokens: 99, outputTokens: 6, isEstimate: true });
  });
});
