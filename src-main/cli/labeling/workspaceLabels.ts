/**
 * The workspace variants of `yardstick agreement` and `yardstick calibrate` (a rating session
 * instead of label files) and `yardstick sessions list|export|import`: the same core functions
 * the app's Label and Calibrate screens call, through the core's dispatch.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SessionAgreement, SessionCalibration } from '@contract/routes/calibrationSchemas';
import type {
  ExportedSession,
  ImportResult,
  SessionSummary,
} from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { printResult } from '../output';
import { CliError, exitCodes, openCore, type GlobalOptions } from '../runtime';
import { cliErrorOfApi, resolveRunId } from '../workspaceIds';

/**
 * Calls a route on a freshly opened workspace; failures become CLI errors (usage for bad input
 * and unknown ids). `input` may be built from the open workspace (to resolve ids named by the user).
 */
export async function callWorkspace<T>(
  command: Command,
  route: string,
  input: unknown,
): Promise<T> {
  const core: Core = openCore(command.optsWithGlobals<GlobalOptions>());
  try {
    const built: unknown =
      typeof input === 'function' ? (input as (c: Core) => unknown)(core) : input;
    const result = await core.dispatch(route, built);
    if (!result.ok) throw cliErrorOfApi(result.error, core);
    return result.value as T;
  } finally {
    await core.close();
  }
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const ci = (i: { estimate: number | null; low: number | null; high: number | null }) =>
  `${f3(i.estimate)} [${f3(i.low)}, ${f3(i.high)}]`;

export function renderSessionAgreement(r: SessionAgreement): string {
  const lines = [
    `session ${r.sessionId}: ${r.units} items, ${r.raters.length} raters, ${r.ratings} ratings, ${r.overlappingUnits} rated twice or more (${r.measure}, ${r.level}; labels ${r.labels.join(', ')})`,
    `Krippendorff's alpha  ${ci({ ...r.krippendorff.interval, estimate: r.krippendorff.alpha })}`,
  ];
  if (r.fleiss)
    lines.push(`Fleiss' kappa         ${ci({ ...r.fleiss.interval, estimate: r.fleiss.kappa })}`);
  for (const p of r.pairs)
    lines.push(
      `  ${p.raters.join(' ~ ')}  n=${p.n}  agree ${ci(p.agreement)}  kappa(${p.weighting}) ${ci({ ...p.kappaInterval, estimate: p.kappa })}`,
    );
  for (const d of r.raterDiagnostics)
    lines.push(
      `  ${d.rater}: ${d.ratings} ratings${d.meanOffset ? `, offset ${ci(d.meanOffset)}` : ''}${d.drift.trend ? `, drift tau ${f3(d.drift.trend.estimate)} (p ${f3(d.drift.trend.pValue)})` : ''}`,
    );
  if (r.mostDisagreed.length > 0) lines.push('most disagreed items:');
  for (const u of r.mostDisagreed)
    lines.push(
      `  #${u.position + 1} ${u.itemKey}  ${f3(u.disagreement)}  ${u.ratings.map((x) => `${x.rater}=${x.label}`).join(' ')}`,
    );
  // The CLI asks as nobody in particular: items still open to a new rater stay blind until the
  // session is closed (`yardstick sessions close`, or Close on the Label screen).
  if (r.withheldReason)
    lines.push(
      `${r.withheldReason.replace(/: pick your rater.*$/, '')} until the session is closed`,
    );
  return [...lines, ...r.notes].join('\n');
}

export function renderSessionCalibration(r: SessionCalibration): string {
  const c = r.comparison;
  const lines = [
    `judge ${r.scorerKey} (${r.scorerType}${r.variantId ? `, version ${r.variantId}` : ''}) against ${r.humans.raters.join(', ')} on session ${r.sessionId}: ${c.n} items (${r.measure})`,
    `  agreement ${ci(c.agreement)}  kappa(${c.weighting}) ${ci({ ...c.kappaInterval, estimate: c.kappa })}`,
  ];
  if (c.spearman && c.kendall)
    lines.push(`  spearman ${ci(c.spearman.interval)}  kendall ${ci(c.kendall.interval)}`);
  lines.push(
    `  confusion (rows people, columns judge; ${c.confusion.labels.join(' ')}): ${c.confusion.counts.map((row) => row.join(' ')).join(' | ')}`,
  );
  const p = r.positionBias;
  if (p)
    lines.push(
      `  position bias: flip rate ${ci(p.flipRate)}, leans first ${p.leanFirst} vs second ${p.leanSecond}, p ${f3(p.pValue)}${p.favoured ? ` — favours the ${p.favoured} position` : ''}`,
    );
  if (r.verbosity)
    lines.push(
      `  verbosity (${r.verbosity.kind}): judge ${r.verbosity.judge ? ci(r.verbosity.judge) : '—'}${r.verbosity.human ? `, people ${ci(r.verbosity.human)}` : ''}`,
    );
  if (r.selfPreference)
    lines.push(
      `  self-preference (${r.selfPreference.judgeFamily}): ${ci(r.selfPreference.estimate)}, p ${f3(r.selfPreference.pValue)}`,
    );
  for (const e of r.estimates)
    lines.push(
      `  ${e.modelKey} ${e.quantity}: judge-corrected ${ci(e.ppi)} (n=${e.n}, N=${e.bigN}); people only ${ci(e.humanOnly)}; judge only ${ci(e.judgeOnly)}${e.warning ? ` — ${e.warning}` : ''}`,
    );
  for (const d of r.disagreements.slice(0, 5))
    lines.push(
      `  disagree #${d.position + 1} ${d.itemKey}: judge ${d.judge}, people ${d.human}${d.judgeReasoning ? ` — ${d.judgeReasoning.split('\n')[0]?.slice(0, 100)}` : ''}`,
    );
  return [...lines, ...r.notes.map((n) => `  note: ${n}`)].join('\n');
}

export interface SessionOptions {
  session?: string;
  measure?: string;
}

interface Settings {
  confidenceLevel: number;
  bootstrap: { resamples: number };
}

function measureOption(text: string | undefined): 'score' | 'pass' | 'choice' | undefined {
  if (text === undefined) return undefined;
  if (text === 'score' || text === 'pass' || text === 'choice') return text;
  throw new CliError(
    `--measure must be one of score, pass, choice; got "${text}"`,
    exitCodes.usage,
  );
}

/** `yardstick agreement --session ID`: agreement among a session's raters. */
export async function agreementOnSession(
  o: SessionOptions & { session: string; json?: boolean },
  settings: Settings,
  command: Command,
) {
  const report = await callWorkspace<SessionAgreement>(command, 'labeling.agreement', {
    sessionId: o.session,
    measure: measureOption(o.measure),
    confidenceLevel: settings.confidenceLevel,
    resamples: settings.bootstrap.resamples,
  });
  printResult(report, o.json ?? false, renderSessionAgreement);
}

/** `yardstick calibrate --judge-scorer KEY --run ID --session ID`: a judge against a session. */
export async function calibrateSession(
  o: SessionOptions & {
    judgeScorer?: string;
    run?: string;
    variant?: string;
    judge?: string;
    human?: string;
    json?: boolean;
  },
  settings: Settings,
  command: Command,
) {
  if (o.judge !== undefined || o.human !== undefined)
    throw new CliError('give label files or a workspace session, not both', exitCodes.usage);
  if (o.judgeScorer === undefined || o.run === undefined || o.session === undefined)
    throw new CliError(
      'a workspace calibration needs --judge-scorer, --run and --session',
      exitCodes.usage,
    );
  const { run, judgeScorer } = o;
  const measure = measureOption(o.measure);
  const report = await callWorkspace<SessionCalibration>(
    command,
    'calibration.report',
    (core: Core) => ({
      sessionId: o.session,
      runId: resolveRunId(core, run),
      scorerKey: judgeScorer,
      variantId: o.variant,
      measure,
      confidenceLevel: settings.confidenceLevel,
      resamples: settings.bootstrap.resamples,
    }),
  );
  printResult(report, o.json ?? false, renderSessionCalibration);
}

/** `yardstick sessions list|export|import`. */
export function registerSessionCommands(program: Command) {
  const sessions = program
    .command('sessions')
    .description('human rating sessions of the workspace');
  sessions
    .command('list')
    .description('every rating session with its progress')
    .option('--json', 'print one JSON object')
    .action(async (o: { json?: boolean }, command: Command) => {
      const list = await callWorkspace<SessionSummary[]>(command, 'labeling.sessions', {});
      printResult(list, o.json ?? false, (all) =>
        all.length === 0
          ? 'no rating sessions'
          : all
              .map(
                (s) =>
                  `${s.id}  ${s.name}  ${s.kind}${s.isBlind ? ', blind' : ''}  ${s.completeTasks}/${s.tasks} complete, ${s.labels} labels by ${s.raters} rater(s)  ${s.status}`,
              )
              .join('\n'),
      );
    });
  sessions
    .command('export')
    .argument('<session>', 'session id')
    .description(
      'write a session (tasks, content, labels, checksums) to one file to rate elsewhere',
    )
    .requiredOption('--out <file>', 'where to write the session file')
    .option('--json', 'print one JSON object')
    .action(async (sessionId: string, o: { out: string; json?: boolean }, command: Command) => {
      const file = await callWorkspace<ExportedSession>(command, 'labeling.export', { sessionId });
      try {
        writeFileSync(o.out, file.text);
      } catch (error) {
        throw new CliError(`${o.out}: cannot be written (${(error as Error).message})`);
      }
      const { text: _text, ...summary } = file;
      printResult(
        { ...summary, path: o.out },
        o.json ?? false,
        (s) =>
          `wrote ${s.path}: ${s.tasks} tasks, ${s.labels} labels, ${s.bytes} bytes (sha256 ${s.checksum.slice(0, 12)})`,
      );
    });
  for (const [name, status, what] of [
    ['close', 'closed', 'close a session: no more labels, and every label is shown to everyone'],
    ['reopen', 'open', 'reopen a closed session for rating'],
  ] as const)
    sessions
      .command(name)
      .argument('<session>', 'session id')
      .description(what)
      .option('--json', 'print one JSON object')
      .action(async (sessionId: string, o: { json?: boolean }, command: Command) => {
        const s = await callWorkspace<SessionSummary>(command, 'labeling.setStatus', {
          sessionId,
          status,
        });
        printResult(s, o.json ?? false, (r) => `session ${r.id} "${r.name}" is ${r.status}`);
      });
  sessions
    .command('import')
    .argument('<file>', 'a session file written by `yardstick sessions export` or the app')
    .description('import a session file, or merge its labels into the session it came from')
    .option('--json', 'print one JSON object')
    .action(async (path: string, o: { json?: boolean }, command: Command) => {
      const result = await callWorkspace<ImportResult>(command, 'labeling.import', { path });
      printResult(
        result,
        o.json ?? false,
        (r) =>
          `${r.isNewSession ? 'imported new' : 'merged into'} session ${r.sessionId} "${r.sessionName}": ${r.tasksAdded} tasks added, ${r.labelsAdded} labels added, ${r.labelsUpdated} updated, ${r.labelsUnchanged} unchanged, ${r.labelsRemoved} removed, ${r.conflicts} conflicts`,
      );
    });
}
