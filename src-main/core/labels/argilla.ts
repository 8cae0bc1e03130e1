/**
 * Argilla exports. Two record shapes are read:
 * - Argilla 2 (`Record.to_dict`, what `dataset.records.to_json` writes): `{id, fields, metadata,
 *   responses: {question: [{value, user_id, status?}]}, suggestions: {question: {value, score,
 *   agent}}}`;
 * - Argilla 1 FeedbackDataset records: `{fields, external_id?, responses: [{user_id, status,
 *   values: {question: {value}}}], suggestions: [{question_name, value, agent}]}`.
 * Responses are people; suggestions are models (source = agent). Responses whose status is
 * discarded or draft are skipped.
 */
import { scalarText, type LabelCollector } from './collector';
import type { SourceRecord } from './records';
import { LabelImportError, type ImportOptions } from './types';

interface Answer {
  question: string;
  value: unknown;
  source: string;
  kind: 'human' | 'judge';
  status: string | null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function answersOf(record: Record<string, unknown>): Answer[] {
  const answers: Answer[] = [];
  const responses = record.responses;
  if (Array.isArray(responses)) {
    // Argilla 1: one entry per user, values keyed by question.
    for (const response of responses) {
      const r = asObject(response);
      const values = asObject(r?.values);
      if (!r || !values) continue;
      for (const [question, answer] of Object.entries(values)) {
        answers.push({
          question,
          value: asObject(answer)?.value,
          source: String(r.user_id),
          kind: 'human',
          status: (r.status as string | undefined) ?? null,
        });
      }
    }
  } else if (asObject(responses)) {
    // Argilla 2: lists of answers keyed by question.
    for (const [question, list] of Object.entries(responses as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      for (const answer of list) {
        const a = asObject(answer);
        if (a)
          answers.push({
            question,
            value: a.value,
            source: String(a.user_id),
            kind: 'human',
            status: (a.status as string | undefined) ?? null,
          });
      }
    }
  }
  const suggestions = record.suggestions;
  const suggestionList = Array.isArray(suggestions)
    ? suggestions.map((s) => [String(asObject(s)?.question_name), asObject(s)] as const)
    : Object.entries(asObject(suggestions) ?? {}).map(([q, s]) => [q, asObject(s)] as const);
  for (const [question, s] of suggestionList) {
    if (s)
      answers.push({
        question,
        value: s.value,
        source: String((s.agent as string | undefined) ?? 'suggestion'),
        kind: 'judge',
        status: null,
      });
  }
  return answers;
}

export function looksLikeArgilla(records: SourceRecord[]): boolean {
  return records
    .slice(0, 20)
    .some(
      (r) =>
        asObject(r.fields.fields) !== null &&
        ('responses' in r.fields || 'suggestions' in r.fields),
    );
}

export function labelsFromArgilla(
  records: SourceRecord[],
  options: ImportOptions,
  collector: LabelCollector,
) {
  const perRecord = records.map((r) => answersOf(r.fields));
  const questions = new Set(perRecord.flat().map((a) => a.question));
  let question = options.question;
  if (question === undefined) {
    if (questions.size !== 1) {
      const message =
        questions.size === 0
          ? 'no responses or suggestions in any record'
          : `several questions (${[...questions].join(', ')}); pick one with --question`;
      collector.problem(null, 'responses', message);
      throw new LabelImportError(`${collector.file}: ${message}`, collector.problems);
    }
    question = [...questions][0];
  } else if (!questions.has(question)) {
    collector.problem(
      null,
      'responses',
      `no question "${question}"; found ${[...questions].join(', ') || 'none'}`,
    );
    throw new LabelImportError(`${collector.file}: no question "${question}"`, collector.problems);
  }
  records.forEach((record, index) => {
    const f = record.fields;
    const rawId = f.id ?? f.external_id ?? f._server_id;
    if (rawId === undefined || rawId === null) {
      collector.problem(record.line, 'id', 'record has no id; skipped');
      return;
    }
    const itemId = scalarText(rawId);
    collector.rememberItem(itemId, {
      ...(asObject(f.fields) ?? {}),
      ...(asObject(f.metadata) ?? {}),
    });
    for (const answer of perRecord[index] ?? []) {
      if (answer.question !== question) continue;
      if (answer.status === 'discarded' || answer.status === 'draft') continue;
      const value = collector.labelValue(answer.value);
      const field = `${answer.kind === 'human' ? 'responses' : 'suggestions'}.${question}`;
      if ('error' in value) {
        collector.problem(record.line, field, `${value.error}; skipped`);
        continue;
      }
      if ('missing' in value) continue;
      collector.add(
        {
          itemId,
          source: answer.source,
          kind: answer.kind,
          label: value.label,
          note: null,
          order: null,
          isSwapped: null,
          line: record.line,
        },
        field,
      );
    }
  });
}
