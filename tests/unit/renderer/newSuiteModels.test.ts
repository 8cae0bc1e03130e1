/**
 * Found on a machine with no GGUF file and one configured provider: New suite ticked "Local
 * model" by default, so Create would have started a download nobody asked for.
 */
import { describe, expect, it } from 'vitest';
import { defaultModelChoice } from '../../../src-renderer/src/features/suites/defaultModelChoice';

describe('the models New suite ticks before the user chooses', () => {
  it('ticks the configured providers, not the local model, when no GGUF file exists', () => {
    const choice = defaultModelChoice(['sim-openai', 'work-anthropic'], false);
    expect(choice).toEqual({
      isLocal: false,
      byProvider: { 'sim-openai': '', 'work-anthropic': '' },
    });
  });

  it('ticks the local model when nothing else is configured, file or not', () => {
    expect(defaultModelChoice([], false)).toEqual({ isLocal: true, byProvider: {} });
  });

  it('keeps the local model ticked beside the providers when its GGUF file is there', () => {
    expect(defaultModelChoice(['sim-openai'], true)).toEqual({
      isLocal: true,
      byProvider: { 'sim-openai': '' },
    });
  });
});
