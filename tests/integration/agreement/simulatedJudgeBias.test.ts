/**
 * End to end: a pairwise judge served by the provider simulator on loopback (reached through
 * the provider registry's OpenAI-compatible adapter, as the engine reaches judges) is asked
 * about every pair in both orders; calibration against a generated human set finds the
 * position bias planted in one judge and not in the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateFromLabels } from '@core/calibration/report';
import type { ExternalLabel } from '@core/labels/types';
import { providerRegistry } from '@core/providers/registry';
import type { ProviderAdapter } from '@core/providers/types';
import { createRandom } from '@core/stats/random';
import { startSimulator, type Simulator } from '../../simulator';

interface GeneratedItem {
  itemId: string;
  question: string;
  reference: string;
  /** The two outputs in the item's own order; `better` says which one people prefer. */
  outputA: string;
  outputB: string;
  better: 'A' | 'B';
}

const vocabulary =
  'river stone lantern copper meadow violet harbor ember quartz willow falcon orchard'.split(' ');

/** Items whose better output shares most words with the reference; which side is better is random. */
function generateItems(count: number): GeneratedItem[] {
  const random = createRandom('calibration-items');
  const words = (n: number) =>
    Array.from({ length: n }, () => vocabulary[random.int(vocabulary.length)] as string);
  return Array.from({ length: count }, (_, i) => {
    const reference = words(12).join(' ');
    const good = reference
      .split(' ')
      .map((w) =>
        random.next() < 0.15 ? (vocabulary[random.int(vocabulary.length)] as string) : w,
      )
      .join(' ');
    const poor = words(12).join(' ');
    const better = random.next() < 0.5 ? 'A' : 'B';
    return {
      itemId: `item-${i}`,
      question: `Question ${i}: list the twelve words of the record.`,
      reference,
      outputA: better === 'A' ? good : poor,
      outputB: better === 'A' ? poor : good,
      better,
    };
  });
}

function judgePrompt(item: GeneratedItem, first: string, second: string): string {
  return [
    'Which response answers the question better? Reply in JSON: {"winner": "A" | "B" | "tie", "reasoning": "..."}.',
    `[Question]\n${item.question}`,
    `[Reference]\n${item.reference}`,
    `[Response A]\n${first}`,
    `[Response B]\n${second}`,
  ].join('\n\n');
}

async function askJudge(
  adapter: ProviderAdapter,
  model: string,
  prompt: string,
): Promise<{ winner: string; reasoning: string }> {
  const result = await adapter.complete({
    model,
    messages: [{ role: 'user', content: prompt }],
    params: { temperature: 0 },
    stream: false,
    signal: AbortSignal.timeout(10_000),
  });
  return JSON.parse(result.text) as { winner: string; reasoning: string };
}

/** Both orders for every item; verdicts stay in shown positions, the swapped run is marked. */
async function judgeBothOrders(
  adapter: ProviderAdapter,
  model: string,
  items: GeneratedItem[],
): Promise<ExternalLabel[]> {
  const labels: ExternalLabel[] = [];
  for (const item of items) {
    for (const isSwapped of [false, true]) {
      const prompt = isSwapped
        ? judgePrompt(item, item.outputB, item.outputA)
        : judgePrompt(item, item.outputA, item.outputB);
      const verdict = await askJudge(adapter, model, prompt);
      labels.push({
        itemId: item.itemId,
        source: model,
        kind: 'judge',
        label: verdict.winner,
        note: verdict.reasoning,
        order: null,
        isSwapped,
        line: 0,
      });
    }
  }
  return labels;
}

describe('calibrating the simulated judge', () => {
  let sim: Simulator;
  let adapter: ProviderAdapter;
  const items = generateItems(80);

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      models: {
        'judge-biased': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0.35 } },
        'judge-fair': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0 } },
      },
    });
    adapter = providerRegistry.create(
      'openai-compatible',
      { baseUrl: `${sim.url}/v1` },
      { secret: () => undefined },
    );
  });
  afterAll(async () => {
    await adapter?.close?.();
    await sim?.close();
  });

  it('finds the planted position bias through the HTTP adapter, and not in the fair judge', async () => {
    const judgeLabels = [
      ...(await judgeBothOrders(adapter, 'judge-biased', items)),
      ...(await judgeBothOrders(adapter, 'judge-fair', items)),
    ];
    expect(
      sim.log().filter((entry) => entry.route === 'openai.chat' && entry.status === 200),
    ).toHaveLength(4 * items.length);
    // Two generated human raters who agree with the construction (one slip each).
    const humanLabels: ExternalLabel[] = items.flatMap((item, i) =>
      ['rater-1', 'rater-2'].map((source, r) => ({
        itemId: item.itemId,
        source,
        kind: 'human' as const,
        label: i === 10 + r ? 'tie' : item.better,
        note: null,
        order: i,
        isSwapped: null,
        line: i + 1,
      })),
    );
    const report = calibrateFromLabels(
      { labels: judgeLabels, items: new Map() },
      { labels: humanLabels, items: new Map() },
      { level: 'nominal', scale: ['A', 'B', 'tie'], bootstrap: { resamples: 300 } },
    );
    const biased = report.judges.find((j) => j.judge === 'judge-biased');
    const fair = report.judges.find((j) => j.judge === 'judge-fair');
    expect(biased?.positionBias?.pairs).toBe(items.length);
    expect(biased?.positionBias?.favoured).toBe('first');
    expect(biased?.positionBias?.pValue).toBeLessThan(0.001);
    expect(biased?.positionBias?.firstBothTimes).toBeGreaterThan(10);
    expect(biased?.positionBias?.secondBothTimes).toBe(0);
    expect(fair?.positionBias?.favoured).toBeNull();
    expect(fair?.positionBias?.flipRate.estimate).toBe(0);
    // The fair judge reads the content as people do; the biased one agrees less.
    expect(fair?.comparison.agreement.estimate).toBeGreaterThan(0.9);
    expect(biased?.comparison.agreement.estimate).toBeLessThan(
      fair?.comparison.agreement.estimate ?? 0,
    );
    expect(biased?.comparison.disagreements[0]?.judgeReasoning).toMatch(/Response/);
  });
});
