/**
 * Found by walking the Providers screen on a machine without a GGUF file: the panel read
 * "No GGUF model yet: no GGUF model yet: the default model will be downloaded on first use The
 * default is …" (the core's reason repeated the prefix; no full stop before the next sentence).
 */
import { describe, expect, it } from 'vitest';
import { localModelStatus } from '../../../src-main/core/providers/local/localModelService';
import { localModelNote } from '../../../src-renderer/src/features/providers/localModelNote';

describe('the local-model panel’s opening sentence', () => {
  it('says "no GGUF model yet" once, as a sentence, with the core’s reason', () => {
    const { problem } = localModelStatus({
      XDG_CONFIG_HOME: '/nonexistent-yardstick-test',
      HOME: '/nonexistent-yardstick-test',
    });
    expect(problem).not.toBeNull();
    const note = localModelNote(problem);
    expect(note.match(/no GGUF model yet/gi)).toHaveLength(1);
    expect(note).toBe('No GGUF model yet: the default model will be downloaded on first use.');
  });

  it('keeps a reason that is already a sentence, and has one of its own without a reason', () => {
    expect(localModelNote('YARDSTICK_LOCAL_MODEL points to /x.gguf, which does not exist.')).toBe(
      'YARDSTICK_LOCAL_MODEL points to /x.gguf, which does not exist.',
    );
    expect(localModelNote(null)).toBe('No GGUF model yet.');
  });
});
