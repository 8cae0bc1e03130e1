import { describe, expect, it } from 'vitest';
import { compilePrompt, parseTemplate, renderMessages, variablesOf } from '@core/suites/template';

const item = {
  key: 'T1',
  inputFormat: 'text' as const,
  input: 'my laptop is on fire',
  reference: 'bug_report',
  category: 'bug_report',
  metadata: { language: 'en', plan: { tier: 'pro', seats: 3 }, tags: ['a'] },
};

describe('prompt templates', () => {
  it('fills every kind of variable, with spaces inside the braces', () => {
    const prompt = compilePrompt({
      id: 'p',
      messages: [
        {
          role: 'system',
          content:
            'Lang {{ metadata.language }}, tier {{metadata.plan.tier}}, seats {{metadata.plan.seats}}',
        },
        {
          role: 'user',
          content: '[{{key}}] {{input}} (expected {{reference}} / {{category}}) {{metadata.tags}}',
        },
      ],
    });
    expect(renderMessages(prompt, item)).toEqual([
      { role: 'system', content: 'Lang en, tier pro, seats 3' },
      {
        role: 'user',
        content: '[T1] my laptop is on fire (expected bug_report / bug_report) ["a"]',
      },
    ]);
    expect(
      variablesOf(prompt).map((v) => (v.kind === 'field' ? v.name : v.path.join('.'))),
    ).toEqual([
      'language',
      'plan.tier',
      'plan.seats',
      'key',
      'input',
      'reference',
      'category',
      'tags',
    ]);
  });

  it('leaves single braces and escaped double braces as text', () => {
    const prompt = compilePrompt({
      id: 'p',
      messages: [{ role: 'user', content: 'JSON {"a": 1} and \\{{input}} then {{input}}' }],
    });
    expect(renderMessages(prompt, item)[0]?.content).toBe(
      'JSON {"a": 1} and {{input}} then my laptop is on fire',
    );
  });

  it('reports unknown variables and unclosed braces, runs no code', () => {
    expect(parseTemplate('{{input.toUpperCase()}}').errors[0]).toMatch(
      /unknown variable \{\{input.toUpperCase\(\)\}\}/,
    );
    expect(parseTemplate('{{ process.env.HOME }}').errors).toHaveLength(1);
    expect(parseTemplate('hello {{input').errors[0]).toMatch(/never closed/);
    expect(() =>
      compilePrompt({ id: 'p', messages: [{ role: 'user', content: '{{nope}}' }] }),
    ).toThrow(/unknown variable/);
  });

  it('expands a messages-format item where a message is exactly {{input}}', () => {
    const conversation = JSON.stringify([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'bye' },
    ]);
    const prompt = compilePrompt({
      id: 'p',
      messages: [
        { role: 'system', content: 'be nice' },
        { role: 'user', content: '{{input}}' },
      ],
    });
    expect(
      renderMessages(prompt, { ...item, inputFormat: 'messages', input: conversation }),
    ).toEqual([
      { role: 'system', content: 'be nice' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'bye' },
    ]);
    const inline = compilePrompt({
      id: 'p',
      messages: [{ role: 'user', content: 'Conversation:\n{{input}}' }],
    });
    expect(
      renderMessages(inline, { ...item, inputFormat: 'messages', input: conversation })[0]?.content,
    ).toBe('Conversation:\nuser: hi\nassistant: hello\nuser: bye');
  });
});
