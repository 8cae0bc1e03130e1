/** Responders compute a reply's text from the request: echo, fixed, seeded random, LLM judge. */
import type { ChatCall } from './formats/common';
import { judgeReply } from './judge';
import { fnv1a } from './text';
import type { ResponderSpec } from './types';
import { createRandom } from '../../src-main/core/stats/random';

const vocabulary = (
  'the a model answer question data result test value simple clear small large fast slow ' +
  'river mountain story light green blue reason because therefore however example output ' +
  'number first second third final step check compare measure evaluate true false maybe'
).split(' ');

function lastUserText(call: ChatCall): string {
  for (let i = call.messages.length - 1; i >= 0; i--) {
    const m = call.messages[i];
    if (m && m.role === 'user') return m.content;
  }
  return call.messages.at(-1)?.content ?? '';
}

function allText(call: ChatCall): string {
  let text = '';
  for (const m of call.messages) text += `${m.role}\u0000${m.content}\u0000`;
  return text;
}

export function respond(spec: ResponderSpec, call: ChatCall, seed: number): string {
  switch (spec.kind) {
    case 'echo':
      return lastUserText(call);
    case 'fixed':
      return spec.text;
    case 'random': {
      const random = createRandom(fnv1a(allText(call), seed ^ (call.seed ?? 0)));
      const count = spec.words ?? 40;
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push(vocabulary[random.int(vocabulary.length)] ?? 'a');
      return `${out.join(' ')}.`;
    }
    case 'judge':
      // The judge reads every message: prompts put the rubric in the system message or not.
      return judgeReply(call.messages.map((m) => m.content).join('\n\n'), {
        mode: spec.mode ?? 'auto',
        scale: spec.scale ?? [1, 5],
        positionBias: spec.positionBias ?? 0,
        tieMargin: spec.tieMargin ?? 0.05,
        fenced: spec.fenced ?? false,
      });
  }
}
