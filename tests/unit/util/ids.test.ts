/**
 * Ids sort in the order they were made, even within one millisecond: "newest first" lists
 * (created_at, then id) must not shuffle two runs created together.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '@core/util/ids';

describe('newId', () => {
  it('makes ids that sort in creation order, many per millisecond', () => {
    const ids = Array.from({ length: 2_000 }, () => newId('run'));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the prefix of its kind', () => {
    expect(newId('dataset')).toMatch(/^ds_[0-9a-z]{26}$/);
  });
});
