import { describe, expect, it } from 'vitest';
import {
  addModel,
  freshModelId,
  parseSuiteDoc,
  readFields,
  removeModel,
  renameSuite,
  setCache,
  setField,
} from '../../../src-renderer/src/features/suites/suiteDoc';

const text = `# A suite with comments the form must keep.
version: 1
name: demo
dataset:
  name: tickets # the frozen set
  version: latest
prompts:
  - id: p
    messages:
      - { role: user, content: '{{input}}' }
models:
  # the only candidate
  - id: local
    provider: local
    model: default
params:
  temperature: 0
run:
  concurrency: 1
`;

describe('suite form edits through the YAML document', () => {
  it('reads the common fields', () => {
    const doc = parseSuiteDoc(text);
    if (!doc) throw new Error('did not parse');
    expect(readFields(doc)).toEqual({
      datasetName: 'tickets',
      datasetVersion: 'latest',
      models: [
        { id: 'local', provider: 'local', model: 'default', temperature: null, maxTokens: null },
      ],
      repeats: null,
      concurrency: 1,
      cache: true,
      limits: {},
    });
  });

  it('changes models, repeats and limits and keeps every comment', () => {
    const doc = parseSuiteDoc(text);
    if (!doc) throw new Error('did not parse');
    setField(doc, ['models', 0, 'provider'], 'sim-openai');
    setField(doc, ['models', 0, 'params', 'max_tokens'], 64);
    addModel(doc, {
      id: freshModelId(['local'], 'claude 3'),
      provider: 'sim-anthropic',
      model: 'c',
    });
    setField(doc, ['repeats'], 2);
    setField(doc, ['run', 'providers', 'sim-openai', 'rpm'], 600);
    const out = doc.toString();
    expect(out).toContain('# A suite with comments the form must keep.');
    expect(out).toContain('name: tickets # the frozen set');
    expect(out).toContain('# the only candidate');
    const again = parseSuiteDoc(out);
    if (!again) throw new Error('did not parse');
    const fields = readFields(again);
    expect(fields.models).toEqual([
      { id: 'local', provider: 'sim-openai', model: 'default', temperature: null, maxTokens: 64 },
      { id: 'claude-3', provider: 'sim-anthropic', model: 'c', temperature: null, maxTokens: null },
    ]);
    expect(fields.repeats).toBe(2);
    expect(fields.limits).toEqual({ 'sim-openai': { concurrency: null, rpm: 600, tpm: null } });
  });

  it('removes emptied keys and models', () => {
    const doc = parseSuiteDoc(text);
    if (!doc) throw new Error('did not parse');
    setField(doc, ['models', 0, 'params', 'max_tokens'], 64);
    setField(doc, ['models', 0, 'params', 'max_tokens'], null);
    expect(doc.toString()).not.toContain('params: {}');
    removeModel(doc, 0);
    expect(readFields(doc).models).toEqual([]);
  });

  it('gives no document for text that does not parse', () => {
    expect(parseSuiteDoc('a: [1,\nb')).toBeNull();
  });
});

describe('renaming a suite for a duplicate', () => {
  it('changes only the name, keeping comments and layout', () => {
    const renamed = renameSuite(text, 'demo (copy)');
    expect(renamed).toBe(text.replace('name: demo', 'name: demo (copy)'));
    expect(renameSuite('- not\n- a mapping\n', 'x')).toBeNull();
  });
});

describe('renaming keeps untouched scalars as written', () => {
  it('leaves a folded description alone and quotes a name that needs it', () => {
    const folded = `version: 1
name: triage # the team's name for it
description: >
  A long folded description that the yaml library would re-wrap at eighty characters if the
  whole document were serialised again.
`;
    expect(renameSuite(folded, 'triage (copy)')).toBe(
      folded.replace('name: triage #', 'name: triage (copy) #'),
    );
    expect(renameSuite(folded, 'a: b')).toBe(folded.replace('name: triage #', 'name: "a: b" #'));
  });
});

describe('the response cache switch writes run.cache', () => {
  it('off writes cache: false, keeps comments and other keys, and reads back off', () => {
    const doc = parseSuiteDoc(text);
    if (!doc) throw new Error('did not parse');
    setCache(doc, false);
    const out = doc.toString();
    expect(out).toContain('# A suite with comments the form must keep.');
    expect(out).toContain('concurrency: 1');
    const again = parseSuiteDoc(out);
    if (!again) throw new Error('did not parse');
    expect(again.getIn(['run', 'cache'])).toBe(false);
    expect(readFields(again).cache).toBe(false);
  });

  it('on again writes true over the key, keeping its comment; on adds nothing when absent', () => {
    const withKey = parseSuiteDoc(
      text.replace('run:\n', 'run:\n  cache: false # flaky provider\n'),
    );
    if (!withKey) throw new Error('did not parse');
    expect(readFields(withKey).cache).toBe(false);
    setCache(withKey, true);
    expect(withKey.toString()).toContain('cache: true # flaky provider');
    expect(readFields(withKey).cache).toBe(true);
    const without = parseSuiteDoc(text);
    if (!without) throw new Error('did not parse');
    setCache(without, true);
    expect(without.toString()).toBe(text);
  });
});
