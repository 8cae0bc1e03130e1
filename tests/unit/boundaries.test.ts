import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/core';

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name)) yield path;
  }
}

const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;
const allowed = ['src-main/electron/', 'src-preload/', 'tests/e2e/electron/'];

describe('boundaries', () => {
  it('imports electron only in the Electron layer, the preload and the Electron e2e suite', () => {
    const offenders: string[] = [];
    for (const top of ['src-main', 'src-preload', 'src-renderer', 'tests', 'scripts', 'bin']) {
      let files: string[] = [];
      try {
        files = [...sourceFiles(join(repoRoot, top))];
      } catch {
        continue;
      }
      for (const file of files) {
        const rel = relative(repoRoot, file).split('\\').join('/');
        if (allowed.some((prefix) => rel.startsWith(prefix))) continue;
        if (importsElectron.test(readFileSync(file, 'utf8'))) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds the electron imports it should allow (the scan works)', () => {
    expect(
      importsElectron.test(readFileSync(join(repoRoot, 'src-main/electron/main.ts'), 'utf8')),
    ).toBe(true);
  });
});
