import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractChat } from '@core/datasets/import/chatLog';
import { autoMapping, derivedKey, mapRecord, resolveMapping } from '@core/datasets/import/mapping';
import type { SourceRecord } from '@core/datasets/import/records';

function record(values: Record<string, unknown>, line = 7): SourceRecord {
  return { file: 'f.jsonl', line, values, problems: [] };
}

function mapping(columns: string[], explicit: Record<string, string> = {}, chat = false) {
  const resolved = resolveMapping('f.jsonl', columns, explicit, {
    chat,
    keepUnmapped: true,
    categoryFromFile: false,
    strictColumns: true,
  });
  expect(resolved.problems).toEqual([]);
  return resolved.mapping;
}

describe('column mapping', () => {
  it('maps common header names automatically, case- and punctuation-insensitively', () => {
    expect(autoMapping(['Question', 'Best Answer', 'Category', 'Type'], { chat: false })).toEqual({
      input: 'Question',
      reference: 'Best Answer',
      category: 'Category',
    });
    expect(
      autoMapping(['task_id', 'prompt', 'canonical_solution', 'test'], { chat: false }),
    ).toEqual({ id: 'task_id', input: 'prompt', reference: 'canonical_solution' });
    expect(
      autoMapping(
        ['id', 'input_format', 'input', 'reference', 'category', 'group_id', 'tags', 'metadata'],
        { chat: false },
      ),
    ).toEqual({
      id: 'id',
      inputFormat: 'input_format',
      input: 'input',
      reference: 'reference',
      category: 'category',
      group: 'group_id',
      tags: 'tags',
      metadata: 'metadata',
    });
  });

  it('refuses a mapping without input, to an unknown field, or to a missing column, naming it', () => {
    const none = resolveMapping(
      'f.csv',
      ['a', 'b'],
      {},
      { chat: false, keepUnmapped: true, categoryFromFile: false, strictColumns: true },
    );
    expect(none.problems).toEqual([
      expect.objectContaining({
        file: 'f.csv',
        line: null,
        column: 'input',
        message: expect.stringContaining('no input column') as string,
      }),
    ]);
    const bad = resolveMapping(
      'f.csv',
      ['a', 'b'],
      { input: 'a', answer: 'b', reference: 'c' },
      { chat: false, keepUnmapped: true, categoryFromFile: false, strictColumns: true },
    );
    expect(bad.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown field "answer"') as string,
      'column "c" (mapped to reference) is not in the file; its columns are: a, b',
    ]);
  });

  it('turns a record into an item: unmapped columns into metadata, tags as lists or text', () => {
    const m = mapping(['id', 'question', 'answer', 'tags', 'difficulty']);
    const a = mapRecord(
      record({ id: 'x1', question: 'Q?', answer: 42, tags: 'easy; short', difficulty: 2 }),
      m,
    );
    expect(a).toEqual({
      ok: true,
      isDerivedKey: false,
      item: {
        key: 'x1',
        input: 'Q?',
        inputFormat: 'text',
        reference: '42',
        category: null,
        groupId: null,
        tags: ['easy', 'short'],
        metadata: { difficulty: 2 },
      },
    });
    const b = mapRecord(record({ id: 'x2', question: 'Q', answer: '', tags: ['b', 'a'] }), m);
    expect(b.ok && b.item).toMatchObject({ reference: null, tags: ['b', 'a'] });
  });

  it('says which field of which line is wrong', () => {
    const m = mapping(['id', 'question']);
    expect(mapRecord(record({ id: 'x', question: '' }), m)).toEqual({
      ok: false,
      problems: [{ file: 'f.jsonl', line: 7, column: 'question', message: 'input is empty' }],
    });
    expect(mapRecord(record({ id: '', question: 'q' }), m)).toEqual({
      ok: false,
      problems: [{ file: 'f.jsonl', line: 7, column: 'id', message: 'id is empty' }],
    });
    expect(mapRecord(record({ id: 'a' }), m)).toMatchObject({
      ok: false,
      problems: [{ column: 'question', message: 'missing field "question" (mapped to input)' }],
    });
  });

  it('builds inputs from {column} templates and dotted paths into nested JSON', () => {
    const m = mapping(['context', 'question', 'answer_info'], {
      input: '{context}\n{question}',
      reference: 'answer_info.ans0',
      'metadata.who': 'answer_info.ans1',
    });
    const mapped = mapRecord(
      record({ context: 'C.', question: 'Q?', answer_info: { ans0: 'yes', ans1: 'no' } }),
      m,
    );
    expect(mapped.ok && mapped.item).toMatchObject({
      input: 'C.\nQ?',
      reference: 'yes',
      metadata: { who: 'no' },
    });
  });

  it('derives an id from content when there is no id column: stable and reproducible outside', () => {
    const m = mapping(['question', 'answer']);
    const mapped = mapRecord(record({ question: 'What is 1+1?', answer: '2' }), m);
    if (!mapped.ok) throw new Error('not mapped');
    expect(mapped.isDerivedKey).toBe(true);
    // Python: json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    const body =
      '{"category":null,"groupId":null,"input":"What is 1+1?","inputFormat":"text","metadata":{},"reference":"2","tags":[]}';
    expect(mapped.item.key).toBe(
      `h${createHash('sha256').update(body).digest('hex').slice(0, 16)}`,
    );
    expect(derivedKey({ ...mapped.item })).toBe(mapped.item.key);
  });

  it('takes an array of {role, content} as a messages input', () => {
    const m = mapping(['messages', 'answer'], { input: 'messages' });
    const mapped = mapRecord(
      record({ messages: [{ role: 'user', content: 'hi' }], answer: 'hello' }),
      m,
    );
    expect(mapped.ok && mapped.item).toMatchObject({
      inputFormat: 'messages',
      input: '[{"role":"user","content":"hi"}]',
    });
  });
});

describe('chat-format logs', () => {
  it('accepts messages + response text, completion, choices, a chat completion and a batch response', () => {
    const user = [{ role: 'user', content: 'Q' }];
    expect(extractChat({ messages: user, response: 'A' })).toMatchObject({
      ok: true,
      messages: user,
      reference: 'A',
      consumed: ['messages', 'response'],
    });
    expect(extractChat({ messages: user, completion: 'A' })).toMatchObject({ reference: 'A' });
    expect(
      extractChat({ messages: user, choices: [{ message: { role: 'assistant', content: 'A' } }] }),
    ).toMatchObject({ reference: 'A' });
    expect(
      extractChat({
        request: { model: 'm', messages: user },
        response: { choices: [{ message: { content: [{ type: 'text', text: 'A' }] } }] },
      }),
    ).toMatchObject({ reference: 'A', model: 'm' });
    expect(
      extractChat({
        body: { messages: user },
        response: { status_code: 200, body: { choices: [{ message: { content: 'A' } }] } },
      }),
    ).toMatchObject({ reference: 'A' });
    expect(extractChat({ messages: [...user, { role: 'assistant', content: 'A' }] })).toMatchObject(
      { messages: user, reference: 'A' },
    );
    expect(extractChat({ messages: user })).toMatchObject({ ok: true, reference: null });
  });

  it('refuses lines that are not chat logs, saying which field', () => {
    expect(extractChat({ prompt: 'x' })).toMatchObject({ ok: false, field: 'messages' });
    expect(extractChat({ messages: [{ content: 'no role' }] })).toMatchObject({
      ok: false,
      field: 'messages.0',
    });
    expect(
      extractChat({ messages: [{ role: 'assistant', content: 'only a reply' }] }),
    ).toMatchObject({ ok: false });
    expect(extractChat({ messages: [{ role: 'user', content: 'q' }], response: 42 })).toMatchObject(
      { ok: false, field: 'response' },
    );
  });
});
