import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/core';

/** Reads a reference fixture written by tests/fixtures/stats/generate.py (scipy). */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'stats', name), 'utf8')) as T;
}

/** |actual − expected| ≤ tolerance, with a message naming the case. */
export function expectClose(
  actual: number,
  expected: number,
  tolerance: number,
  label: string,
): void {
  const ok = Number.isFinite(expected)
    ? Math.abs(actual - expected) <= tolerance
    : actual === expected;
  if (!ok) throw new Error(`${label}: got ${actual}, expected ${expected} (±${tolerance})`);
}
