import type { Command } from 'commander';
import { CodingError } from '@core/agreement/coding';
import type { KappaWeighting } from '@core/agreement/cohen';
import { agreementReport, type AgreementReport } from '@core/agreement/report';
import { measurementLevels, type MeasurementLevel } from '@core/agreement/types';
import { calibrateFromLabels, type CalibrationReport } from '@core/calibration/report';
import type { ConsensusMethod } from '@core/calibration/consensus';
import { readExternalLabels } from '@core/labels/externalImport';
import { labelsToMatrix } from '@core/labels/toMatrix';
import {
  externalFormats,
  formatProblem,
  LabelImportError,
  type ExternalFormat,
  type ExternalLabelSet,
  type ImportOptions,
  type ImportProblem,
  type LabelShape,
} from '@core/labels/types';
import {
  agreementOnSession,
  calibrateSession,
  registerSessionCommands,
  type SessionOptions,
} from '../labeling/workspaceLabels';
import { printResult } from '../output';
import { CliError, exitCodes } from '../runtime';

/** Options shared by both commands: how to read label files and how to compute. */
interface ReadOptions {
  format?: string;
  shape?: string;
  item?: string;
  itemFrom?: string;
  rater?: string;
  label?: string;
  raters?: string;
  note?: string;
  order?: string;
  swapped?: string;
  kindColumn?: string;
  question?: string;
  map?: string[];
  missing?: string;
}

interface StatsOptions {
  level: string;
  scale?: string;
  weighting?: string;
  confidence: string;
  resamples: string;
  seed: string;
  top: string;
  json?: boolean;
}

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(
      `${flag} must be one of ${allowed.join(', ')}; got "${value}"`,
      exitCodes.usage,
    );
  }
  return value as T;
}

function numberOption(text: string, flag: string, check: (n: number) => boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || !check(value))
    throw new CliError(`${flag}: invalid value "${text}"`, exitCodes.usage);
  return value;
}

function importOptions(
  o: ReadOptions,
  overrides: { format?: string; item?: string; raters?: string } = {},
): ImportOptions {
  const labelMap: Record<string, string> = {};
  for (const entry of (o.map ?? []).flatMap((m) => m.split(','))) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new CliError(`--map expects FROM=TO pairs; got "${entry}"`, exitCodes.usage);
    labelMap[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  const missing = o.missing === undefined ? undefined : o.missing.split(',').map((s) => s.trim());
  return {
    format: choice<ExternalFormat>(overrides.format ?? o.format, externalFormats, '--format'),
    shape: choice<LabelShape>(o.shape, ['long', 'wide'], '--shape'),
    itemColumn: overrides.item ?? o.item,
    itemFrom: list(o.itemFrom),
    raterColumn: o.rater,
    labelColumn: o.label,
    raters: list(overrides.raters ?? o.raters),
    noteColumn: o.note,
    orderColumn: o.order,
    swappedColumn: o.swapped,
    kindColumn: o.kindColumn,
    question: o.question,
    labelMap: Object.keys(labelMap).length > 0 ? labelMap : undefined,
    missing,
  };
}

function statsSettings(o: StatsOptions) {
  const confidenceLevel = numberOption(o.confidence, '--confidence', (n) => n > 0 && n < 1);
  const resamples = numberOption(
    o.resamples,
    '--resamples',
    (n) => Number.isInteger(n) && n >= 100,
  );
  const seed = /^\d+$/.test(o.seed) ? Number(o.seed) : o.seed;
  return {
    level: choice<MeasurementLevel>(o.level, measurementLevels, '--level') as MeasurementLevel,
    scale: list(o.scale),
    weighting: choice<KappaWeighting>(o.weighting, ['none', 'linear', 'quadratic'], '--weighting'),
    confidenceLevel,
    bootstrap: { resamples, seed },
    top: numberOption(o.top, '--top', (n) => Number.isInteger(n) && n >= 0),
  };
}

async function load(path: string, options: ImportOptions): Promise<ExternalLabelSet> {
  try {
    const set = await readExternalLabels(path, options);
    for (const problem of set.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    return set;
  } catch (error) {
    if (error instanceof LabelImportError) {
      // The message ends the output (as `yardstick: …`); a problem that says the same is not repeated.
      for (const line of error.problems.map(formatProblem))
        if (line !== error.message) process.stderr.write(`${line}\n`);
      throw new CliError(error.message);
    }
    throw error;
  }
}

function codingFailure(error: unknown, file: string): never {
  if (error instanceof CodingError) throw new CliError(`${file}: ${error.message}`);
  throw error;
}

function addReadOptions(command: Command): Command {
  return command
    .option(
      '--format <format>',
      `file format: ${externalFormats.join(', ')} (default: from the extension and content)`,
    )
    .option(
      '--shape <shape>',
      'long (item, rater, label rows) or wide (a column per rater); default: detected',
    )
    .option('--item <column>', 'column with the item id')
    .option('--item-from <columns>', 'key items by a hash of these columns (for sets without ids)')
    .option('--rater <column>', 'long form: column naming the rater or judge')
    .option('--label <column>', 'long form: column with the label')
    .option('--raters <columns>', 'wide form: the label columns, one per rater or judge')
    .option('--note <column>', 'column with a note or the judge reasoning')
    .option('--order <column>', 'column with the time or position a label was given (for drift)')
    .option('--swapped <column>', 'column saying the pair was shown in swapped order')
    .option('--kind-column <column>', 'column saying whether the source is human or judge')
    .option('--question <name>', 'Label Studio control (from_name) or Argilla question to read')
    .option(
      '--map <from=to...>',
      'rewrite labels, e.g. --map Tie=0',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--missing <labels>',
      'labels meaning "no label" (default: empty, NA, N/A, null, None, nan)',
    );
}

function addStatsOptions(command: Command): Command {
  return command
    .option('--level <level>', 'measurement level: nominal, ordinal, interval, ratio', 'nominal')
    .option(
      '--scale <labels>',
      'the scale in order, e.g. bad,ok,good (ordinal text labels need it)',
    )
    .option(
      '--weighting <w>',
      "Cohen's kappa weights: none, linear, quadratic (default: none for nominal, else quadratic)",
    )
    .option('--confidence <level>', 'confidence level of intervals', '0.95')
    .option('--resamples <n>', 'bootstrap resamples', '2000')
    .option('--seed <seed>', 'bootstrap seed', 'yardstick-agreement')
    .option('--top <n>', 'how many disagreements to list', '20')
    .option('--json', 'print one JSON object');
}

const f3 = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3);
const ci = (i: { estimate: number; low: number; high: number }) =>
  `${f3(i.estimate)} [${f3(i.low)}, ${f3(i.high)}]`;

function renderAgreement(r: AgreementReport & { file: string }): string {
  const lines = [
    `${r.file}: ${r.units} items, ${r.raters.length} raters, ${r.ratings} ratings (${r.level}; labels ${r.labels.join(', ')})`,
    `Krippendorff's alpha  ${ci(r.krippendorff.interval)}`,
  ];
  if (r.fleiss) lines.push(`Fleiss' kappa         ${ci(r.fleiss.interval)}`);
  lines.push(
    `pairwise agreement    ${f3(r.pairwiseAgreement.estimate)} over ${r.pairwiseAgreement.pairs} pairs of ratings`,
    '',
    'rater pairs:',
  );
  for (const p of r.pairs) {
    const rank =
      p.spearman && p.kendall
        ? `  spearman ${ci(p.spearman.interval)}  kendall ${ci(p.kendall.interval)}`
        : '';
    lines.push(
      `  ${p.raters.join(' ~ ')}  n=${p.n}  agree ${ci(p.agreement)}  kappa(${p.cohen.weighting}) ${ci(p.cohen.interval)}${rank}`,
    );
  }
  lines.push('', 'raters:');
  for (const { bias, drift } of r.raterDiagnostics) {
    const offset = bias.meanOffset ? `  offset ${ci(bias.meanOffset)}` : '';
    const trend = drift.trend
      ? `  ${drift.measure === 'agreement-with-others-majority' ? 'agreement' : 'deviation'} trend tau ${f3(drift.trend.estimate)} (p ${f3(drift.trend.pValue)})`
      : '';
    lines.push(`  ${bias.raterId}  ${bias.ratings} ratings${offset}${trend}`);
  }
  if (r.mostDisagreed.length > 0) {
    lines.push('', 'most disagreed items:');
    for (const u of r.mostDisagreed)
      lines.push(
        `  ${u.unitId}  ${f3(u.disagreement)}  ${u.ratings.map((x) => `${x.raterId}=${x.label}`).join(' ')}`,
      );
  }
  return lines.join('\n');
}

function renderCalibration(r: CalibrationReport): string {
  const lines = [
    `humans: ${r.humans.raters.join(', ')} on ${r.humans.items} items (${r.humans.consensus} consensus, ${r.humans.unresolved} unresolved; alpha ${f3(r.humans.krippendorffAlpha)})`,
  ];
  for (const j of r.judges) {
    const c = j.comparison;
    lines.push(
      '',
      `judge ${j.judge}: ${c.n} items compared (${j.unmatchedItems} without a human consensus)`,
    );
    lines.push(
      `  agreement ${ci(c.agreement)}  kappa(${c.cohen.weighting}) ${ci(c.cohen.interval)}`,
    );
    if (c.spearman && c.kendall)
      lines.push(`  spearman ${ci(c.spearman.interval)}  kendall ${ci(c.kendall.interval)}`);
    lines.push(
      `  per human: ${j.perHuman.map((h) => `${h.rater} kappa ${f3(h.kappa)}`).join(', ')}`,
    );
    lines.push(
      `  scale use: TVD ${f3(j.scaleUse.totalVariation)}, chi-square p ${f3(j.scaleUse.homogeneity.pValue)}`,
    );
    lines.push(
      `  confusion (rows human, columns judge; ${c.labels.join(' ')}): ${c.confusion.counts.map((row) => row.join(' ')).join(' | ')}`,
    );
    if (j.positionBias) {
      const p = j.positionBias;
      lines.push(
        `  position bias: flip rate ${ci(p.flipRate)}, leans first ${p.leanFirst} vs second ${p.leanSecond}, p ${f3(p.pValue)}${p.favoured ? ` — favours the ${p.favoured} position` : ''}`,
      );
    }
    if (j.verbosity?.kind === 'pairwise') {
      const v = j.verbosity.report;
      lines.push(
        `  verbosity: judge picks the longer output ${ci(v.judgeLongerWinRate)}${v.humanLongerWinRate ? `, humans ${ci(v.humanLongerWinRate)}` : ''}`,
      );
    } else if (j.verbosity?.kind === 'pointwise') {
      lines.push(
        `  verbosity: rho(length, judge - human) ${j.verbosity.report.excessVsLength ? ci(j.verbosity.report.excessVsLength.interval) : '—'}`,
      );
    }
    for (const d of c.disagreements.slice(0, 5))
      lines.push(
        `  disagree ${d.itemId}: judge ${d.judge}, human ${d.human}${d.judgeReasoning ? ` — ${d.judgeReasoning.slice(0, 100)}` : ''}`,
      );
  }
  return lines.join('\n');
}

function problemsOf(...sets: ExternalLabelSet[]): ImportProblem[] {
  return sets.flatMap((s) => s.problems);
}

/** Commands of the agreement domain: agreement, calibrate, sessions. */
export function registerAgreementCommands(program: Command) {
  registerSessionCommands(program);
  addStatsOptions(
    addReadOptions(
      program
        .command('agreement')
        .argument(
          '[file]',
          'labels: CSV, TSV, JSON or JSONL (long or wide), Label Studio or Argilla export',
        )
        .option('--session <id>', 'a rating session of the workspace instead of a file')
        .option('--measure <m>', 'with --session: score, pass or choice (default by kind)')
        .description(
          "inter-rater agreement: Krippendorff's alpha, Fleiss' and Cohen's kappa, correlations, rater bias and drift",
        ),
    ),
  ).action(
    async (
      file: string | undefined,
      o: ReadOptions & StatsOptions & SessionOptions,
      command: Command,
    ) => {
      const settings = statsSettings(o);
      if (o.session !== undefined) {
        if (file !== undefined)
          throw new CliError('give a label file or --session, not both', exitCodes.usage);
        await agreementOnSession({ ...o, session: o.session }, settings, command);
        return;
      }
      if (file === undefined)
        throw new CliError('give a label file, or --session ID', exitCodes.usage);
      const set = await load(file, importOptions(o));
      let report: AgreementReport;
      try {
        const { matrix, coding } = labelsToMatrix(set.labels, {
          level: settings.level,
          scale: settings.scale,
        });
        report = agreementReport(matrix, coding, settings);
      } catch (error) {
        codingFailure(error, file);
      }
      const value = {
        file,
        format: set.format,
        shape: set.shape,
        ...report,
        problems: set.problems,
      };
      printResult(value, o.json ?? false, renderAgreement);
    },
  );

  addStatsOptions(
    addReadOptions(
      program
        .command('calibrate')
        .description(
          'judge calibration: a judge file against human labels (agreement, kappa, correlations, biases)',
        )
        .option('--judge <file>', 'judge verdicts or scores (same formats as agreement)')
        .option('--human <file>', 'human labels')
        .option('--judge-scorer <key>', 'workspace: a judge scorer of --run (instead of --judge)')
        .option('--run <id>', 'workspace: the run the judge scored')
        .option(
          '--session <id>',
          'workspace: a rating session over its outputs (instead of --human)',
        )
        .option('--variant <id>', 'workspace: an edited version of the judge')
        .option('--measure <m>', 'workspace: score, pass or choice (default by kind)')
        .option('--judge-raters <columns>', 'wide judge file: its label columns')
        .option('--human-raters <columns>', 'wide human file: its label columns')
        .option('--judge-item <column>', 'item id column of the judge file')
        .option('--human-item <column>', 'item id column of the human file')
        .option('--judges <names>', 'judges (sources in the judge file) to calibrate; default all')
        .option(
          '--consensus <method>',
          'human consensus: majority, median, mean (default by level)',
        )
        .option(
          '--outputs <fields>',
          "item fields with the outputs' text: two for pairwise (verbosity bias), one for scores",
        ),
    ),
  ).action(
    async (
      o: ReadOptions &
        StatsOptions & {
          judge?: string;
          human?: string;
          judgeRaters?: string;
          humanRaters?: string;
          judgeItem?: string;
          humanItem?: string;
          judges?: string;
          consensus?: string;
          outputs?: string;
        } & SessionOptions & { judgeScorer?: string; run?: string; variant?: string },
      command: Command,
    ) => {
      const settings = statsSettings(o);
      if (o.judgeScorer !== undefined || o.run !== undefined || o.session !== undefined) {
        await calibrateSession(o, settings, command);
        return;
      }
      if (o.judge === undefined || o.human === undefined)
        throw new CliError(
          'give --judge FILE and --human FILE, or --judge-scorer KEY --run ID --session ID',
          exitCodes.usage,
        );
      const judgeSet = await load(o.judge, {
        ...importOptions(o, { raters: o.judgeRaters, item: o.judgeItem }),
        kind: 'judge',
      });
      const humanSet = await load(o.human, {
        ...importOptions(o, { raters: o.humanRaters, item: o.humanItem }),
        kind: 'human',
      });
      const unknown = (list(o.judges) ?? []).filter((j) => !judgeSet.sources.includes(j));
      if (unknown.length > 0)
        throw new CliError(
          `${o.judge}: no judge named ${unknown.join(', ')}; it has ${judgeSet.sources.join(', ')}`,
          exitCodes.usage,
        );
      let report: CalibrationReport;
      try {
        report = calibrateFromLabels(judgeSet, humanSet, {
          ...settings,
          consensus: choice<ConsensusMethod>(
            o.consensus,
            ['majority', 'median', 'mean'],
            '--consensus',
          ),
          judges: list(o.judges),
          outputFields: list(o.outputs),
        });
      } catch (error) {
        codingFailure(error, `${o.judge}, ${o.human}`);
      }
      const value = {
        judgeFile: o.judge,
        humanFile: o.human,
        ...report,
        problems: problemsOf(judgeSet, humanSet),
      };
      printResult(value, o.json ?? false, renderCalibration);
    },
  );
}
