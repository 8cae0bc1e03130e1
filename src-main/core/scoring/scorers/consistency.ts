/**
 * Consistency: do a model's answers agree across paraphrases of the same question (items sharing
 * a group id) or across repeats of the same cell? Each cell's value is the share of the other
 * cells of its group that agree with it; it passes when the whole group agrees. Answers are
 * compared as normalised text, or by the pass/fail of another scorer of the suite.
 */
import { z } from 'zod';
import { normalizeText } from '../text/normalize';
import { defineScorer, type ScoreResult } from '../types';

const ConsistencyParams = z.strictObject({
  across: z
    .enum(['paraphrases', 'repeats'])
    .default('paraphrases')
    .describe('Paraphrase groups (items with the same group id) or repeats of a cell.'),
  compare: z
    .enum(['answer', 'scorer'])
    .default('answer')
    .describe('Compare normalised answers, or the pass/fail of another scorer.'),
  scorer: z
    .string()
    .min(1)
    .optional()
    .describe('With compare: scorer — the id of a pass/fail scorer in the same suite.'),
  normalize: z.boolean().default(true),
});
type ConsistencyParams = z.infer<typeof ConsistencyParams>;

export const consistency = defineScorer<ConsistencyParams>({
  id: 'consistency',
  version: '1',
  label: 'Consistency',
  description: 'Agreement of a model with itself across paraphrases (group id) or across repeats.',
  family: 'consistency',
  scope: 'group',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: ConsistencyParams.refine(
    (p) => p.compare !== 'scorer' || p.scorer,
    'compare: scorer needs the scorer id',
  ),
  groupKey(input, params) {
    if (params.across === 'repeats')
      return `${input.modelKey}\u0000${input.promptKey}\u0000${input.itemKey}`;
    return input.groupId === null
      ? null
      : `${input.modelKey}\u0000${input.promptKey}\u0000${input.repeat}\u0000${input.groupId}`;
  },
  scoreGroup(members, params, peers) {
    const answers = members.map((m) => {
      if (params.compare === 'answer')
        return normalizeText(m.output, { normalize: params.normalize });
      const peer = peers.get(params.scorer ?? '')?.get(m.cellId);
      return peer?.isPass === undefined || peer.isPass === null ? null : String(peer.isPass);
    });
    const known = answers.filter((a): a is string => a !== null);
    const distinct = new Set(known).size;
    return members.map((_, i): ScoreResult => {
      const mine = answers[i];
      if (members.length < 2)
        return {
          value: null,
          isPass: null,
          details: { groupSize: 1, reason: 'alone in its group' },
        };
      if (mine === null || mine === undefined) {
        return {
          value: null,
          isPass: null,
          details: {},
          error: `no ${params.scorer ?? ''} score to compare for this cell`,
        };
      }
      const others = known.length - 1;
      const agreeing = known.filter((a) => a === mine).length - 1;
      return {
        value: others > 0 ? agreeing / others : null,
        isPass: distinct === 1 && known.length === members.length,
        details: { groupSize: members.length, distinctAnswers: distinct },
      };
    });
  },
});
