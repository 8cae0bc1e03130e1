import { describe, expect, it } from 'vitest';
import { PricingTable, type PriceRow } from '@core/pricing/table';

let nextId = 1;
const row = (
  providerKind: string,
  model: string,
  input: number,
  output: number,
  effectiveFrom: string,
): PriceRow => ({
  id: nextId++,
  providerKind,
  model,
  inputUsdPerMTok: input,
  outputUsdPerMTok: output,
  cachedInputUsdPerMTok: null,
  effectiveFrom,
  source: null,
});

const table = new PricingTable([
  row('openai', 'gpt-4o', 5, 15, '2024-05-13'),
  row('openai', 'gpt-4o', 2.5, 10, '2024-08-06'),
  row('openai', 'gpt-4o-mini', 0.15, 0.6, '2024-07-18'),
  row('anthropic', 'claude-sonnet-4-5', 3, 15, '2025-09-29'),
  row('gemini', 'gemini-2.0-flash', 0.1, 0.4, '2025-02-05'),
  row('local', '*', 0, 0, '2024-01-01'),
]);

describe('pricing table', () => {
  it('prices a response with the row in force on its date', () => {
    // 1,000 in and 500 out at $2.50 / $10 per million: 0.0025 + 0.005.
    expect(table.costUsd('openai', 'gpt-4o', 1000, 500, '2025-01-01T00:00:00Z')).toBeCloseTo(
      0.0075,
      12,
    );
    // Before the August 2024 price cut: $5 / $15.
    expect(table.costUsd('openai', 'gpt-4o', 1000, 500, '2024-06-01')).toBeCloseTo(0.0125, 12);
    // Before any row: unknown.
    expect(table.costUsd('openai', 'gpt-4o', 1000, 500, '2024-01-01')).toBeNull();
  });

  it('matches dated snapshots to their model, never a different model', () => {
    expect(table.find('anthropic', 'claude-sonnet-4-5-20250929', '2025-10-01')?.model).toBe(
      'claude-sonnet-4-5',
    );
    expect(table.find('openai', 'gpt-4o-2024-08-06', '2025-01-01')?.inputUsdPerMTok).toBe(2.5);
    expect(table.find('openai', 'gpt-4o-mini-2024-07-18', '2025-01-01')?.model).toBe('gpt-4o-mini');
    expect(table.find('gemini', 'models/gemini-2.0-flash-001', '2025-03-01')?.model).toBe(
      'gemini-2.0-flash',
    );
    expect(table.find('openai', 'gpt-4o-audio-preview', '2025-01-01')).toBeNull();
    expect(table.find('openai', 'gpt-4o-mini-tts', '2025-01-01')).toBeNull();
    expect(table.find('azure-openai', 'gpt-4o', '2025-01-01')).toBeNull();
  });

  it('uses the kind’s * row for any model of that kind', () => {
    expect(table.costUsd('local', 'stories260K.gguf', 100, 100, '2025-01-01')).toBe(0);
  });

  it('returns null without any token count', () => {
    expect(table.costUsd('openai', 'gpt-4o', null, null, '2025-01-01')).toBeNull();
    expect(table.costUsd('openai', 'gpt-4o', null, 1_000_000, '2025-01-01')).toBe(10);
  });
});
