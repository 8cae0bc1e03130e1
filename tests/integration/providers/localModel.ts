import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, sharedDir } from '../../support/core';

/**
 * The tiny real GGUF model the local-provider tests run: `YARDSTICK_TEST_MODEL`, defaulting to
 * `../shared/models/stories260K.gguf`. A missing file fails the test with this message; it is
 * never a silent skip.
 */
export function testModelPath(): string {
  const path = process.env.YARDSTICK_TEST_MODEL
    ? resolve(repoRoot, process.env.YARDSTICK_TEST_MODEL)
    : join(sharedDir, 'models', 'stories260K.gguf');
  if (!existsSync(path)) {
    throw new Error(
      `The local-model tests need a GGUF file at ${path}. Set YARDSTICK_TEST_MODEL to a GGUF file ` +
        '(the tests expect ../shared/models/stories260K.gguf, a 1.2 MB real model).',
    );
  }
  return path;
}
