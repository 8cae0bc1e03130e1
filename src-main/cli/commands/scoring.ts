import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Comparison, Decision, RunScoreSummary } from '@contract/routes/scoring';
import { ApiError } from '@core/apiError';
import { evaluateDecision, storeDecision } from '@core/decisions/decide';
import { runGate, type GateResult } from '@core/decisions/gate';
import { htmlReport } from '@core/decisions/htmlReport';
import { gateJunitXml } from '@core/decisions/junit';
import type { Core } from '@core/host';
import { compareRuns } from '@core/scoring/analysis/compare';
import { summarizeRun } from '@core/scoring/analysis/summary';
import { renderRunReport } from '@core/reports/htmlExport';
import { scoreRun, type ScoreRunResult } from '@core/scoring/index';
import { printResult, writableOutput } from '../output';
import { CliError, exitCodes, openCore, type GlobalOptions } from '../runtime';
import { cliErrorOfApi, resolveOptionalRunId, resolveRunId } from '../workspaceIds';

/**
 * Opens the workspace, runs `work`, turns expected core errors into CLI errors, closes. Run
 * ids are resolved by the commands first, so a missing one is a usage error like in `show`.
 */
async function withCore<T>(command: Command, work: (core: Core) => Promise<T> | T): Promise<T> {
  const core = openCore(command.optsWithGlobals<GlobalOptions>());
  try {
    return await work(core);
  } catch (error) {
    throw error instanceof ApiError ? cliErrorOfApi(error.toShape(), core) : error;
  } finally {
    await core.close();
  }
}

function progressLine(): (done: number, total: number | null, message?: string) => void {
  let last = 0;
  return (done, total, message) => {
    const now = Date.now();
    if (now - last < 250 && done !== total) return;
    last = now;
    const text = `scoring ${done}/${total ?? '?'} ${message ?? ''}`;
    process.stderr.write(process.stderr.isTTY ? `\r${text.padEnd(70)}` : `${text}\n`);
  };
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`;
const num = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined ? '–' : x.toFixed(d);

function humanScore(result: ScoreRunResult): string {
  const lines = result.scorers.map(
    (s) =>
      `  ${s.key.padEnd(20)} ${String(s.scored).padStart(6)} scored ${String(s.upToDate).padStart(6)} up to date ${String(s.errors).padStart(4)} errors${s.costUsd ? `  judge $${s.costUsd.toFixed(4)}` : ''}${s.notes.map((n) => `\n    note: ${n}`).join('')}`,
  );
  return `scored run ${result.runId} (${result.cells} answered cells) in ${(result.durationMs / 1000).toFixed(1)} s\n${lines.join('\n')}`;
}

export function humanSummary(summary: RunScoreSummary): string {
  const out = [
    `run ${summary.runName} (${summary.runId}), ${(summary.confidenceLevel * 100).toFixed(0)}% intervals${summary.overridesUsed ? `, ${summary.overridesUsed} human override(s) used` : ''}`,
  ];
  for (const m of summary.models) {
    out.push(
      `model ${m.modelKey}: ${m.responses} responses, error rate ${pct(m.operational.errorRate.estimate)}, p95 ${num(m.latency.p95.estimate, 0)} ms, cost $${m.operational.totalCostUsd.toFixed(4)}`,
    );
    for (const s of m.scorers) {
      const e = s.valueType === 'binary' ? s.passRate : s.mean;
      out.push(
        `  ${s.scorerKey.padEnd(20)} ${num(e?.estimate)} [${num(e?.low)}, ${num(e?.high)}]  n=${s.items}${s.warning ? `  (${s.warning})` : ''}`,
      );
    }
  }
  return out.join('\n');
}

function humanComparison(c: Comparison): string {
  const out = [
    `candidate ${c.candidate.modelKey} (${c.candidate.runId}) vs baseline ${c.baseline.modelKey} (${c.baseline.runId})`,
  ];
  for (const s of c.scorers) {
    out.push(
      `  ${s.scorerKey.padEnd(20)} ${num(s.baseline.estimate)} → ${num(s.candidate.estimate)}  Δ ${num(s.difference.estimate)} [${num(s.difference.low)}, ${num(s.difference.high)}]  ${s.test.name} p=${num(s.test.pValue, 4)} (Holm ${num(s.test.adjustedPValue, 4)})  ${s.regressionCount} regressed, ${s.improvementCount} improved`,
    );
  }
  return out.join('\n');
}

function humanGate(result: GateResult): string {
  return [
    result.passed ? 'gate passed' : 'gate FAILED',
    ...result.regressions.map((r) => `  ${r.isCredibleRegression ? '✗' : '✓'} ${r.message}`),
    ...result.hardGates.map(
      (g) =>
        `  ${g.status === 'met' || g.status === 'met_ideal' ? '✓' : '✗'} hard gate ${g.explanation}`,
    ),
  ].join('\n');
}

function humanDecision(d: Omit<Decision, 'id' | 'createdAt'>): string {
  return [
    `verdict: ${d.verdict.replaceAll('_', ' ')} (weighted score ${num(d.weightedScore)})`,
    ...d.reasons.map((r) => `  ${r}`),
    ...d.criteria.map((c) => `  [${c.status}] ${c.explanation}`),
  ].join('\n');
}

const probability = (name: string) => (value: string) => {
  const n = Number(value);
  if (!(n > 0 && n < 1))
    throw new CliError(`${name} must be between 0 and 1 (got ${value})`, exitCodes.usage);
  return n;
};
const level = probability('--level');
const numberOption = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new CliError(`${name} must be a number (got ${value})`, exitCodes.usage);
  return n;
};

/** Commands of the scoring domain: score, summary, compare, decide, gate, report. */
export function registerScoringCommands(program: Command) {
  program
    .command('score <run>')
    .description(
      "score a run with its suite's scorers (only missing or stale scores unless --force)",
    )
    .option('--force', 'score every cell again')
    .option('--only <ids>', 'only these scorer ids (comma-separated)')
    .option('--json', 'print one JSON object')
    .action(
      async (
        runId: string,
        options: { force?: boolean; only?: string; json?: boolean },
        command: Command,
      ) => {
        await withCore(command, async (core) => {
          const result = await scoreRun(core.context, resolveRunId(core, runId), {
            force: options.force ?? false,
            ...(options.only ? { only: options.only.split(',') } : {}),
            onProgress: progressLine(),
          });
          if (process.stderr.isTTY) process.stderr.write('\n');
          printResult(result, options.json ?? false, humanScore);
        });
      },
    );

  program
    .command('summary <run>')
    .description('scores per model and scorer with confidence intervals, latency and cost')
    .option('--level <p>', 'confidence level', level, 0.95)
    .option('--json', 'print one JSON object')
    .action(async (runId: string, options: { level: number; json?: boolean }, command: Command) => {
      await withCore(command, (core) =>
        printResult(
          summarizeRun(core.context, resolveRunId(core, runId), options.level),
          options.json ?? false,
          humanSummary,
        ),
      );
    });

  program
    .command('compare <baselineRun> <candidateRun>')
    .description(
      'paired comparison per scorer: both estimates with intervals, the paired test, effect size, regressions',
    )
    .option('--baseline-model <id>', 'model of the baseline run (when it has several)')
    .option('--candidate-model <id>', 'model of the candidate run (when it has several)')
    .option('--level <p>', 'confidence level', level, 0.95)
    .option('--json', 'print one JSON object')
    .action(
      async (
        baselineRunId: string,
        candidateRunId: string,
        options: { baselineModel?: string; candidateModel?: string; level: number; json?: boolean },
        command: Command,
      ) => {
        await withCore(command, (core) => {
          const comparison = compareRuns(core.context, {
            baselineRunId: resolveRunId(core, baselineRunId),
            candidateRunId: resolveRunId(core, candidateRunId),
            baselineModel: options.baselineModel,
            candidateModel: options.candidateModel,
            confidenceLevel: options.level,
          });
          printResult(comparison, options.json ?? false, humanComparison);
        });
      },
    );

  program
    .command('decide <run>')
    .description("evaluate the suite's decision criteria and store the decision record")
    .option('--model <id>', 'the model to decide on (when the run has several)')
    .option('--baseline <run>', 'a baseline run, for .delta criteria')
    .option('--baseline-model <id>', 'model of the baseline run (when it has several)')
    .option('--level <p>', 'confidence level', level, 0.95)
    .option('--json', 'print one JSON object')
    .action(
      async (
        runId: string,
        options: {
          model?: string;
          baseline?: string;
          baselineModel?: string;
          level: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        await withCore(command, (core) => {
          const decision = storeDecision(
            core.context,
            evaluateDecision(core.context, {
              runId: resolveRunId(core, runId),
              modelKey: options.model,
              baselineRunId: resolveOptionalRunId(core, options.baseline),
              baselineModel: options.baselineModel,
              confidenceLevel: options.level,
            }),
          );
          printResult(decision, options.json ?? false, humanDecision);
        });
      },
    );

  program
    .command('gate')
    .description(
      'fail (exit 3) on a statistically credible regression beyond the threshold, or on a failed hard gate',
    )
    .requiredOption('--baseline <run>', 'the baseline run id (or a unique prefix)')
    .requiredOption('--candidate <run>', 'the candidate run id (or a unique prefix)')
    .option('--baseline-model <id>', 'model of the baseline run (when it has several)')
    .option('--candidate-model <id>', 'model of the candidate run (when it has several)')
    .option(
      '--threshold <drop>',
      'largest tolerated drop, in the metric units (e.g. 0.02)',
      numberOption('--threshold'),
      0,
    )
    .option(
      '--alpha <a>',
      'family-wise error rate of the regression checks',
      probability('--alpha'),
      0.05,
    )
    .option('--scorer <ids>', 'only these scorer ids (comma-separated)')
    .option('--junit <file>', 'write JUnit XML')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print one JSON object')
    .action(
      async (
        options: {
          baseline: string;
          candidate: string;
          baselineModel?: string;
          candidateModel?: string;
          threshold: number;
          alpha: number;
          scorer?: string;
          junit?: string;
          html?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (options.junit) writableOutput('--junit', options.junit);
        if (options.html) writableOutput('--html', options.html);
        const scorerIds = options.scorer?.split(',').map((id) => id.trim());
        const result = await withCore(command, (core) => {
          const baselineRunId = resolveRunId(core, options.baseline);
          const candidateRunId = resolveRunId(core, options.candidate);
          const gate = runGate(core.context, {
            baselineRunId,
            candidateRunId,
            baselineModel: options.baselineModel,
            candidateModel: options.candidateModel,
            threshold: options.threshold,
            alpha: options.alpha,
            scorers: scorerIds,
          });
          // A misspelt --scorer would otherwise gate on nothing and pass.
          const shared = gate.comparison.scorers.map((s) => s.scorerKey);
          const unknown = scorerIds?.filter((id) => !shared.includes(id)) ?? [];
          if (unknown.length > 0)
            throw new CliError(
              `--scorer: ${unknown.join(', ')} is not a scorer both runs share (they share: ${shared.join(', ') || 'none'})`,
              exitCodes.usage,
            );
          if (options.junit) writeFileSync(options.junit, gateJunitXml(gate));
          if (options.html) {
            const summary = summarizeRun(core.context, candidateRunId, 1 - options.alpha);
            const extra = `<h2>Gate: ${gate.passed ? 'passed' : 'FAILED'}</h2><ul>${[...gate.reasons, ...gate.regressions.filter((r) => !r.isCredibleRegression).map((r) => r.message)].map((r) => `<li>${r.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string)}</li>`).join('')}</ul>`;
            writeFileSync(
              options.html,
              htmlReport({
                title: `Yardstick gate: ${gate.passed ? 'passed' : 'failed'}`,
                summary,
                comparison: gate.comparison,
                decision: gate.decision,
                extra,
              }),
            );
          }
          return gate;
        });
        printResult(
          {
            passed: result.passed,
            reasons: result.reasons,
            regressions: result.regressions,
            hardGates: result.hardGates,
            comparison: result.comparison,
            verdict: result.decision.verdict,
          },
          options.json ?? false,
          () => humanGate(result),
        );
        if (!result.passed) process.exitCode = exitCodes.gateFailed;
      },
    );

  program
    .command('report <run>')
    .description(
      'write a self-contained HTML report of a run (scores, decision, comparison with a baseline)',
    )
    .requiredOption('--html <file>', 'where to write the report')
    .option('--baseline <run>', 'compare with this baseline run')
    .option('--baseline-model <id>', 'model of the baseline run (when it has several)')
    .option('--model <id>', 'the model to decide on (when the run has several)')
    .option('--level <p>', 'confidence level', level, 0.95)
    .action(
      async (
        runId: string,
        options: {
          html: string;
          baseline?: string;
          baselineModel?: string;
          model?: string;
          level: number;
        },
        command: Command,
      ) => {
        writableOutput('--html', options.html);
        await withCore(command, (core) => {
          // The same document as the app's report (reports.html), written where asked.
          const { html } = renderRunReport(core.context, {
            runId: resolveRunId(core, runId),
            modelKey: options.model,
            baselineRunId: resolveOptionalRunId(core, options.baseline),
            baselineModel: options.baselineModel,
            confidenceLevel: options.level,
          });
          writeFileSync(options.html, html);
          process.stderr.write(`wrote ${options.html}\n`);
        });
      },
    );
}
