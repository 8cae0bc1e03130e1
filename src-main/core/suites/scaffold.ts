/**
 * A new suite for a dataset version, written as a commented YAML document (the `yaml`
 * library's Document API: the text is serialised from nodes, never concatenated): one prompt
 * using the dataset's own fields, the chosen models with default sampling parameters, the
 * chosen scorers, modest run options and decision criteria to adapt. A scaffold is
 * meant to validate as it is (`suites.validate`); the tests check that on the public sets.
 */
import { Document, isMap, isScalar, type Node, type Pair } from 'yaml';
import { ApiError } from '../apiError';
import { scorerRegistry } from '../scoring/registry';
import { promptFieldsOf, variablesOf, type DatasetShape } from './datasetShape';
import {
  scaffoldScorer,
  scaffoldScorerTypes,
  suggestedScorerTypes,
  unavailableReason,
  type ScaffoldJudge,
} from './scaffoldScorers';

export interface ScaffoldModel {
  /** A configured provider's label, a provider kind or preset (`local` for the built-in model). */
  provider: string;
  model: string;
}

export interface ScaffoldRequest {
  name: string;
  models: readonly ScaffoldModel[];
  /** Scorer types (`numeric-match`, …), from `scaffoldScorerTypes`. */
  scorers: readonly string[];
  /** The judge model and criteria of a `judge-rubric` scorer (required with it). */
  judge?: ScaffoldJudge | undefined;
}

/** How the scaffold describes a model's provider in a comment (a configured one: its kind). */
export type DescribeProvider = (provider: string) => string;

/** A suite key (`[A-Za-z0-9][A-Za-z0-9_.-]{0,63}`) from free text, unique among `taken`. */
export function freshKey(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .replace(/-+$/, '')
      .slice(0, 56) || 'model';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

function modelKeyBase(model: ScaffoldModel): string {
  if (model.provider === 'local' && model.model === 'default') return 'local';
  const name = model.model.split(/[\\/]/).pop() ?? model.model;
  return `${model.provider}-${name.replace(/\.gguf$/i, '')}`;
}

function systemInstruction(shape: DatasetShape, choices: readonly string[]): string {
  if (shape.inputFormat === 'messages') return 'You are a helpful assistant.';
  if (shape.hasCodeTests)
    return 'Complete the Python function below. Reply with the code only, in a ```python block.';
  switch (shape.referenceKind) {
    case 'gsm8k':
      return 'Solve the problem step by step. End with the final answer on its own line as "#### <number>".';
    case 'letter':
      return `Answer the multiple-choice question. End with "Answer: X" (X: ${[...(shape.letters ?? 'ABCD')].join(', ')}).`;
    case 'number':
      return choices.length
        ? 'Choose the right option. End your reply with the number of the option you choose.'
        : 'Answer with a number. End your reply with the number alone on the last line.';
    case 'short-text':
      return 'Answer with the answer only: a few words, no explanation.';
    case 'text':
      return 'Answer accurately and concisely.';
    case null:
      return 'Respond to the request helpfully and accurately.';
  }
}

/** The user message: context fields, the input, then the options to choose from. */
function userTemplate(shape: DatasetShape, fields: ReturnType<typeof promptFieldsOf>): string {
  // A message that is exactly {{input}} carries a conversation's own messages (suite-format.md).
  if (shape.inputFormat === 'messages') return '{{input}}';
  const blocks: string[] = [];
  if (fields.context.length === 1) blocks.push(`{{metadata.${fields.context[0]}}}`);
  else for (const name of fields.context) blocks.push(`${name}: {{metadata.${name}}}`);
  blocks.push('{{input}}');
  if (fields.choices.length)
    blocks.push(
      fields.choices
        .map((name) =>
          /^[A-J]$/.test(name) ? `${name}. {{metadata.${name}}}` : `${name}: {{metadata.${name}}}`,
        )
        .join('\n'),
    );
  return blocks.join('\n\n');
}

function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** A comment on its own line(s) above the top-level key, after a blank line. */
function commentAbove(doc: Document, key: string, comment: string, spaceBefore = true) {
  const keyNode = pairOf(doc.contents, key)?.key as Node | undefined;
  if (!keyNode) return;
  keyNode.commentBefore = comment;
  keyNode.spaceBefore = spaceBefore;
}

/** Comma-separated names as comment lines of at most ~90 characters, indented. */
function wrapList(names: readonly string[], indent = '   '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line ? `${line}, ${name}` : name;
    if (line && next.length > 88) {
      lines.push(`${indent}${line},`);
      line = name;
    } else line = next;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

/**
 * The comment at the top of a scaffold. It lists every variable the items all have — those
 * the prompt already uses too (`input`): the list says what a prompt can use, not what is left.
 */
function header(shape: DatasetShape, variables: readonly string[]): string {
  const hidden = shape.metadata.filter((m) => !m.isEverywhere).map((m) => `metadata.${m.name}`);
  return [
    ` Yardstick suite, scaffolded for ${shape.datasetName} v${shape.version} (${shape.itemCount} items).`,
    ' Format: docs/suite-format.md. Save runs nothing: start a run from the editor.',
    ...(variables.length
      ? [
          ' Variables every item has a value for (usable in the prompt as {{name}}):',
          ...wrapList(variables),
        ]
      : []),
    ...(hidden.length
      ? [' Missing in some items (a prompt using them would not validate):', ...wrapList(hidden)]
      : []),
    ...(shape.hasReference
      ? [' {{reference}} is the expected answer: keep it out of prompts sent to the models.']
      : []),
  ].join('\n');
}

interface ScaffoldCriterion {
  metric: string;
  acceptable: { min: number } | { max: number };
  gate?: boolean;
}

/**
 * Decision criteria written down before the first run, so Decide has something to judge the
 * moment the run ends: the first scorer (a hard gate) and the 95th-percentile latency. They are
 * a starting point the header comment asks to adapt; changing them later needs a new run (they
 * are part of the manifest), which the cache makes free.
 */
function criteriaOf(
  scorerIds: ReadonlyArray<{ id: string; valueType: string }>,
): ScaffoldCriterion[] {
  const first = scorerIds[0];
  const criteria: ScaffoldCriterion[] = [];
  if (first)
    criteria.push({
      metric: `${first.id}.${first.valueType === 'binary' ? 'pass_rate' : 'mean'}`,
      // An ordinal scorer (the 1–5 judge) is on its own scale; the others are on 0–1.
      acceptable: { min: first.valueType === 'ordinal' ? 4 : 0.8 },
      gate: true,
    });
  criteria.push({ metric: 'latency.p95_ms', acceptable: { max: 5000 } });
  return criteria;
}

function checkScorers(
  shape: DatasetShape,
  types: readonly string[],
  judge: ScaffoldJudge | undefined,
) {
  return [...new Set(types)].map((type) => {
    const scorer = scaffoldScorer(type);
    if (!scorer)
      throw new ApiError(
        'bad_request',
        `a new suite cannot start with scorer "${type}" (it needs settings only the editor can give): choose from ${scaffoldScorerTypes.join(', ')}`,
      );
    if (scorer.needs === 'judge' && !judge)
      throw new ApiError(
        'bad_request',
        `a new suite cannot start with scorer "${type}" without a judge: name the judge's provider, model and criteria`,
      );
    const reason = unavailableReason(scorer, shape);
    if (reason)
      throw new ApiError('bad_request', `scorer ${type} cannot score this dataset: ${reason}`);
    return scorer;
  });
}

/** The suite's YAML text. Throws `bad_request` for a scorer the dataset cannot feed. */
export function scaffoldSuite(
  shape: DatasetShape,
  request: ScaffoldRequest,
  describeProvider: DescribeProvider,
): string {
  const scorers = checkScorers(shape, request.scorers, request.judge);
  const fields = promptFieldsOf(shape);
  const variables = variablesOf(shape);
  const modelKeys = new Set<string>();
  const models = request.models.map((m) => {
    const id = freshKey(modelKeyBase(m), modelKeys);
    modelKeys.add(id);
    return { id, provider: m.provider, model: m.model };
  });
  const isLong = shape.hasCodeTests || shape.referenceKind === 'gsm8k';

  const doc = new Document({
    version: 1,
    name: request.name,
    description: `${shape.datasetName} v${shape.version}: one prompt, ${models.length} model${models.length === 1 ? '' : 's'}.`,
    dataset: { name: shape.datasetName, version: shape.version },
    prompts: [
      {
        id: 'zero-shot',
        messages: [
          { role: 'system', content: systemInstruction(shape, fields.choices) },
          { role: 'user', content: userTemplate(shape, fields) },
        ],
      },
    ],
    models,
    params: { temperature: 0, max_tokens: isLong ? 1024 : 256 },
    repeats: 1,
    scorers: scorers.map((s) => ({
      id: s.id,
      type: s.type,
      ...(s.config ? { config: s.config(shape, request.judge) } : {}),
    })),
    run: { concurrency: 4, timeout_ms: 60_000, retries: 2, cache: true },
  });
  const criteria = criteriaOf(
    scorers.map((s) => {
      // Scorers whose value type depends on their params (custom-js) are not scaffolded.
      const valueType = scorerRegistry.get(s.type).valueType;
      return { id: s.id, valueType: typeof valueType === 'string' ? valueType : 'continuous' };
    }),
  );
  doc.set('criteria', doc.createNode(criteria));
  criteria.forEach((_, index) => {
    const acceptable = doc.getIn(['criteria', index, 'acceptable'], true);
    if (isMap(acceptable)) acceptable.flow = true;
  });
  doc.commentBefore = header(shape, variables);
  annotate(doc, shape, models, request.models, describeProvider, scorers);
  commentAbove(
    doc,
    'criteria',
    " Decision criteria (ship / don't ship), written down before the run: adapt them before you\n" +
      ' run it. A failed gate means do not ship, whatever the rest says (docs/suite-format.md).',
  );
  // lineWidth 0: prompt text is never folded across lines (a long instruction stays one line).
  return doc.toString({ lineWidth: 0 });
}

function annotate(
  doc: Document,
  shape: DatasetShape,
  models: ReadonlyArray<{ id: string; provider: string }>,
  requested: readonly ScaffoldModel[],
  describeProvider: DescribeProvider,
  scorers: ReturnType<typeof checkScorers>,
) {
  commentAbove(
    doc,
    'dataset',
    ` Pinned to version ${shape.version}; "latest" follows new versions. "limit: 50" tries the first 50 items.`,
  );
  commentAbove(
    doc,
    'prompts',
    ' One template; add more to measure prompt sensitivity. Variables are listed at the top.',
  );
  commentAbove(doc, 'models', ' The candidates: every item is sent to each of them.');
  models.forEach((model, index) => {
    const item = doc.getIn(['models', index], true) as Node | undefined;
    const source = requested[index];
    if (item && source) item.commentBefore = ` ${describeProvider(source.provider)}`;
  });
  commentAbove(
    doc,
    'params',
    ' Sampling parameters for every model (a model\'s own "params" override them key by key).',
  );
  commentAbove(doc, 'repeats', ' Samples per item, prompt and model.', false);
  const suggested = suggestedScorerTypes(shape);
  if (scorers.length === 0)
    commentAbove(
      doc,
      'scorers',
      shape.hasReference
        ? ` No scorer chosen. For ${shape.datasetName} the suggestion is: ${suggested.join(', ') || 'a judge'} (docs/scorers.md).`
        : ` No scorer: ${shape.datasetName} v${shape.version} has no reference answers, so reference-based scorers\n cannot score it. Add an LLM judge (judge-rubric, docs/scorers.md) or rate the outputs in Label.`,
    );
  else {
    commentAbove(doc, 'scorers', ' Scorers applied to every response (docs/scorers.md).');
    scorers.forEach((scorer, index) => {
      const item = doc.getIn(['scorers', index], true) as Node | undefined;
      if (item)
        item.commentBefore = ` ${scorer.type}: ${scorer.why}${scorer.note ? `\n${scorer.note}` : ''}`;
    });
  }
  commentAbove(
    doc,
    'run',
    ' How the run is executed: modest limits; raise concurrency for hosted APIs.',
  );
}
