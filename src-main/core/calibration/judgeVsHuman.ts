/**
 * A judge against the people, over the items both labelled: agreement rate (Wilson), Cohen's κ
 * (weighted for ordered scales) with its asymptotic and bootstrap intervals, Spearman and
 * Kendall correlations with intervals (ordered scales), the confusion matrix (rows: humans,
 * columns: judge), and the disagreements to read side by side — judge reasoning next to the
 * human note — largest first.
 */
import type { BootstrapInterval, BootstrapOptions } from '../agreement/bootstrap';
import { labelOf, type LabelCoding } from '../agreement/coding';
import { bootstrapCohensKappa, cohensKappa, type KappaWeighting } from '../agreement/cohen';
import { agreementRate, confusionMatrix, type AgreementRate } from '../agreement/confusion';
import { kendallTauB, spearman, type Correlation } from '../agreement/correlation';
import type { IntervalEstimate } from '../agreement/types';

export interface CalibrationItem {
  itemId: string;
  /** The judge's label, coded with the comparison's coding. */
  judge: number;
  /** The human reference (consensus), coded likewise. */
  human: number;
  judgeReasoning?: string | null;
  humanNote?: string | null;
}

export interface Disagreement {
  itemId: string;
  judge: string;
  human: string;
  /** Steps apart on the scale (1 for any nominal mismatch). */
  distance: number;
  judgeReasoning: string | null;
  humanNote: string | null;
}

export interface JudgeHumanComparison {
  n: number;
  labels: string[];
  agreement: AgreementRate;
  cohen: {
    kappa: number;
    weighting: KappaWeighting;
    interval: IntervalEstimate;
    bootstrap: BootstrapInterval;
  };
  spearman: Correlation | null;
  kendall: Correlation | null;
  confusion: { rows: 'human'; columns: 'judge'; labels: string[]; counts: number[][] };
  disagreements: Disagreement[];
}

export interface ComparisonOptions {
  confidenceLevel?: number;
  /** Default: none for nominal scales, quadratic for ordered ones. */
  weighting?: KappaWeighting;
  bootstrap?: BootstrapOptions;
}

export function compareJudgeWithHumans(
  items: readonly CalibrationItem[],
  coding: LabelCoding,
  options: ComparisonOptions = {},
): JudgeHumanComparison {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const ordered = coding.level !== 'nominal';
  const weighting = options.weighting ?? (ordered ? 'quadratic' : 'none');
  const judge = items.map((i) => i.judge);
  const human = items.map((i) => i.human);
  // Cohen's weights use positions on the full scale, so pass every coded value.
  const kappaOptions = { weighting, confidenceLevel, categories: coding.values };
  const kappa = cohensKappa(human, judge, kappaOptions);
  const position = new Map(coding.values.map((v, i) => [v, i]));
  const disagreements = items
    .filter((i) => i.judge !== i.human)
    .map((i) => ({
      itemId: i.itemId,
      judge: labelOf(coding, i.judge),
      human: labelOf(coding, i.human),
      distance: ordered ? Math.abs((position.get(i.judge) ?? 0) - (position.get(i.human) ?? 0)) : 1,
      judgeReasoning: i.judgeReasoning ?? null,
      humanNote: i.humanNote ?? null,
    }))
    .sort((a, b) => b.distance - a.distance);
  const confusion = confusionMatrix(human, judge, coding.values);
  return {
    n: items.length,
    labels: coding.labels,
    agreement: agreementRate(human, judge, confidenceLevel),
    cohen: {
      kappa: kappa.kappa,
      weighting,
      interval: kappa.interval,
      bootstrap: bootstrapCohensKappa(human, judge, {
        ...kappaOptions,
        ...options.bootstrap,
        confidenceLevel,
      }),
    },
    spearman: ordered ? spearman(human, judge, { confidenceLevel }) : null,
    kendall: ordered ? kendallTauB(human, judge, { confidenceLevel }) : null,
    confusion: { rows: 'human', columns: 'judge', labels: coding.labels, counts: confusion.counts },
    disagreements,
  };
}
