/**
 * PandaLM's human-annotated test set (../shared/data/pandalm-testset): three annotators on 999
 * pairwise items and two judges' verdicts, read through the external-label import, checked
 * against generate.py's numpy values and the figures in the set's README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cohensKappa } from '@core/agreement/cohen';
import { kendallTauB, spearman } from '@core/agreement/correlation';
import { fleissKappa } from '@core/agreement/fleiss';
import { krippendorffAlpha } from '@core/agreement/krippendorff';
import { calibrateFromLabels } from '@core/calibration/report';
import { readExternalLabels } from '@core/labels/externalImport';
import { labelsToMatrix } from '@core/labels/toMatrix';
import type { ExternalLabelSet } from '@core/labels/types';
import { repoRoot, sharedDir } from '../../support/core';

interface PandaReference {
  nominalAlpha: number;
  nominalFleiss: { kappa: number; z: number };
  nominalCohen: number[];
  majorityCounts: Record<string, number>;
  gpt35VsMajority: { agreement: number; cohen: number };
  pandalm7bVsMajority: { agreement: number; cohen: number };
  ordinal: {
    alpha: Record<'nominal' | 'ordinal' | 'interval', number>;
    pairs: {
      raters: [number, number];
      cohen_linear: number;
      cohen_quadratic: number;
      spearman: number;
      kendall: number;
      kendallP: number;
    }[];
  };
}

const reference = (
  JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/agreement/reference.json'), 'utf8')) as {
    pandalm: PandaReference;
  }
).pandalm;
const dir = join(sharedDir, 'data', 'pandalm-testset');
const tolerance = 1e-6;

describe('PandaLM annotations', () => {
  let humans: ExternalLabelSet;
  beforeAll(async () => {
    humans = await readExternalLabels(join(dir, 'testset-v1.json'));
  });

  it('imports 3 annotators × 999 items from the wide JSON without problems', () => {
    expect(humans.format).toBe('json');
    expect(humans.shape).toBe('wide');
    expect(humans.sources).toEqual(['annotator1', 'annotator2', 'annotator3']);
    expect(humans.labels).toHaveLength(2997);
    expect(humans.problems).toEqual([]);
    expect(humans.items.get('0')?.cmp_key).toBe('bloom-7b_llama-7b');
  });

  it('nominal agreement matches numpy and the README (kappa 0.852, 0.879, 0.862)', () => {
    const { matrix, coding } = labelsToMatrix(humans.labels, { level: 'nominal' });
    expect(coding.labels).toEqual(['0', '1', '2']);
    const column = (r: number) => matrix.values.map((row) => row[r] ?? null);
    const kappas = [
      [0, 1],
      [0, 2],
      [1, 2],
    ].map(([a, b]) => cohensKappa(column(a as number), column(b as number)).kappa);
    kappas.forEach((k, i) =>
      expect(Math.abs(k - (reference.nominalCohen[i] as number))).toBeLessThan(tolerance),
    );
    expect(kappas.map((k) => k.toFixed(3))).toEqual(['0.852', '0.879', '0.862']);
    expect(
      Math.abs(krippendorffAlpha(matrix.values, 'nominal').alpha - reference.nominalAlpha),
    ).toBeLessThan(tolerance);
    const fleiss = fleissKappa(matrix.values);
    expect(Math.abs(fleiss.kappa - reference.nominalFleiss.kappa)).toBeLessThan(tolerance);
    expect(Math.abs((fleiss.test?.z ?? 0) - reference.nominalFleiss.z)).toBeLessThan(tolerance);
  });

  it('on the ordinal preference scale (first better < tie < second better) matches numpy and scipy', () => {
    const { matrix } = labelsToMatrix(humans.labels, { level: 'ordinal', scale: ['1', '0', '2'] });
    for (const level of ['nominal', 'ordinal', 'interval'] as const) {
      expect(
        Math.abs(krippendorffAlpha(matrix.values, level).alpha - reference.ordinal.alpha[level]),
      ).toBeLessThan(tolerance);
    }
    const column = (r: number) => matrix.values.map((row) => row[r] ?? null);
    for (const pair of reference.ordinal.pairs) {
      const a = column(pair.raters[0]);
      const b = column(pair.raters[1]);
      expect(
        Math.abs(cohensKappa(a, b, { weighting: 'linear' }).kappa - pair.cohen_linear),
      ).toBeLessThan(tolerance);
      expect(
        Math.abs(cohensKappa(a, b, { weighting: 'quadratic' }).kappa - pair.cohen_quadratic),
      ).toBeLessThan(tolerance);
      expect(Math.abs(spearman(a, b).estimate - pair.spearman)).toBeLessThan(tolerance);
      const tau = kendallTauB(a, b);
      expect(Math.abs(tau.estimate - pair.kendall)).toBeLessThan(tolerance);
      // Heavily tied data: the tie-corrected variance must match scipy's too (relative check: p ~ 1e-185).
      expect(Math.abs(Math.log(tau.pValue) - Math.log(pair.kendallP))).toBeLessThan(1e-6);
    }
  });

  it('calibrates both judges against the majority label as the README reports (0.698 and 0.668)', async () => {
    const gpt = await readExternalLabels(join(dir, 'gpt-3.5-turbo-testset-v1.json'), {
      labelMap: { Tie: '0' },
      kind: 'judge',
    });
    const panda = await readExternalLabels(join(dir, 'pandalm-7b-testset-v1.json'), {
      kind: 'judge',
    });
    const judges = {
      labels: [...gpt.labels, ...panda.labels],
      items: new Map([...gpt.items, ...panda.items]),
    };
    const report = calibrateFromLabels(judges, humans, {
      level: 'nominal',
      bootstrap: { resamples: 200 },
    });
    expect(report.humans.unresolved).toBe(0);
    const byJudge = Object.fromEntries(report.judges.map((j) => [j.judge, j]));
    const gptReport = byJudge.gpt_result;
    const pandaReport = byJudge.pandalm_result;
    expect(
      Math.abs(
        (gptReport?.comparison.agreement.estimate ?? 0) - reference.gpt35VsMajority.agreement,
      ),
    ).toBeLessThan(tolerance);
    expect(
      Math.abs((gptReport?.comparison.cohen.kappa ?? 0) - reference.gpt35VsMajority.cohen),
    ).toBeLessThan(tolerance);
    expect(
      Math.abs(
        (pandaReport?.comparison.agreement.estimate ?? 0) - reference.pandalm7bVsMajority.agreement,
      ),
    ).toBeLessThan(tolerance);
    expect(
      Math.abs((pandaReport?.comparison.cohen.kappa ?? 0) - reference.pandalm7bVsMajority.cohen),
    ).toBeLessThan(tolerance);
    expect(gptReport?.comparison.agreement.estimate.toFixed(3)).toBe('0.698');
    expect(pandaReport?.comparison.agreement.estimate.toFixed(3)).toBe('0.668');
    // The human consensus distribution of the README: 0 → 105, 1 → 422, 2 → 472.
    const humanCounts = gptReport?.scaleUse.human.counts;
    expect(humanCounts?.slice(0, 3)).toEqual([105, 422, 472]);
    // Disagreements carry the judge's reasoning to read next to the humans' labels.
    expect(gptReport?.comparison.disagreements[0]?.judgeReasoning).toMatch(/Response/);
  });
});
