import { describe, expect, it } from 'vitest';
import { itemContentHash, versionContentHash } from '@core/datasets/contentHash';

/**
 * Expected values were computed outside Yardstick with Python's standard library, as
 * docs/dataset-hash.md describes:
 *   json.dumps(item, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
 * (identical to RFC 8785 for these values), then hashlib.sha256.
 */
const t1 = {
  key: 'T1',
  inputFormat: 'text' as const,
  input: 'Où est ma facture ? 🙂',
  reference: 'billing',
  category: 'billing',
  groupId: null,
  tags: ['non-english', 'invoice'],
  metadata: { plan: 'pro', language: 'fr' },
};
const t2 = {
  key: 'T2',
  inputFormat: 'text' as const,
  input: 'cant login',
  reference: null,
  category: null,
  groupId: null,
  tags: [],
  metadata: {},
};

describe('content hashes', () => {
  it('hash an item as sha256 of its RFC 8785 canonical JSON (tags sorted)', () => {
    expect(itemContentHash(t1)).toBe(
      'e782d6dcca994fe9ab9f00b07759e8cd8890b75093fac00661adfc0582ff0c63',
    );
    expect(itemContentHash(t2)).toBe(
      '953ec6494bae9db1900f0f795cc563a99f496dbd3a4c67ae8d8bf2eb9e6998e3',
    );
  });

  it('hash a version over its item hashes in key order', () => {
    expect(versionContentHash([itemContentHash(t1), itemContentHash(t2)])).toBe(
      '265f89895246a7cfcbdfc6dba5c814d64c8b6d61f5363b2e3c9c71911a2b5fba',
    );
  });

  it('change when any hashed field changes', () => {
    const base = itemContentHash(t1);
    expect(itemContentHash({ ...t1, input: `${t1.input} ` })).not.toBe(base);
    expect(itemContentHash({ ...t1, reference: null })).not.toBe(base);
    expect(itemContentHash({ ...t1, tags: ['invoice'] })).not.toBe(base);
    expect(itemContentHash({ ...t1, metadata: { plan: 'free', language: 'fr' } })).not.toBe(base);
    expect(itemContentHash({ ...t1, tags: ['invoice', 'non-english', 'invoice'] })).toBe(base);
  });
});
