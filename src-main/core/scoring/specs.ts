/**
 * From a suite's `scorers` section to runnable scorers: each spec's `type` is looked up in the
 * registry and its `config` parsed by that scorer's params schema (defaults filled in). The
 * config hash — of the type, version, field and parsed params — is stored with every score, so
 * a changed config re-scores and an unchanged one is skipped. Problems are reported at field
 * paths (`scorers[1].config.pattern`) for the suite validator to place at file, line, column.
 */
import { z } from 'zod';
import { SuiteSource } from '../suites/parse';
import { CriterionSpec, ScorerSpec } from '../suites/schema';
import type { IssuePath, SuiteIssue } from '../suites/issues';
import { hashJson } from '../util/hash';
import { scorerRegistry } from './registry';
import { valueTypeOf, type ScorerDefinition, type ScorerValueType } from './types';

export type ReportIssue = (path: IssuePath, message: string) => void;

export interface ResolvedScorer {
  /** Position in the suite's `scorers` list (for locating problems). */
  index: number;
  key: string;
  spec: ScorerSpec;
  definition: ScorerDefinition;
  params: unknown;
  valueType: ScorerValueType;
  configHash: string;
}

export function resolveScorers(
  specs: readonly ScorerSpec[],
  report: ReportIssue,
): ResolvedScorer[] {
  const out: ResolvedScorer[] = [];
  specs.forEach((spec, index) => {
    if (!scorerRegistry.has(spec.type)) {
      report(
        ['scorers', index, 'type'],
        `unknown scorer type "${spec.type}"; known types: ${scorerRegistry.ids().join(', ')}`,
      );
      return;
    }
    const definition = scorerRegistry.get(spec.type);
    const parsed = definition.paramsSchema.safeParse(spec.config ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        report(
          ['scorers', index, 'config', ...path],
          issue.code === 'unrecognized_keys'
            ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issue.message,
        );
      }
      return;
    }
    const params: unknown = parsed.data;
    out.push({
      index,
      key: spec.id,
      spec,
      definition,
      params,
      valueType: valueTypeOf(definition, params),
      configHash: hashJson({
        type: spec.type,
        version: definition.version,
        field: spec.field ?? null,
        params,
      }),
    });
  });
  checkPeerReferences(out, report);
  return out;
}

/** Scorers that refer to other scorers or models by id must name ones that exist. */
function checkPeerReferences(resolved: readonly ResolvedScorer[], report: ReportIssue): void {
  resolved.forEach((r) => {
    const index = r.index;
    const params = r.params as { compare?: string; scorer?: string };
    if (r.spec.type === 'consistency' && params.compare === 'scorer') {
      const peer = resolved.find((p) => p.key === params.scorer);
      if (!peer)
        report(
          ['scorers', index, 'config', 'scorer'],
          `no scorer "${params.scorer ?? ''}" in this suite`,
        );
      else if (peer.valueType !== 'binary' && peer.spec.type !== 'judge-rubric') {
        report(
          ['scorers', index, 'config', 'scorer'],
          `scorer "${peer.key}" gives no pass/fail to compare`,
        );
      }
    }
  });
}

export interface ScoringSections {
  suiteName: string;
  scorers: ScorerSpec[];
  criteria: CriterionSpec[];
}

const Sections = z.object({
  name: z.string().optional(),
  scorers: z.array(ScorerSpec).default([]),
  criteria: z.array(CriterionSpec).default([]),
});

/**
 * Reads only the `scorers` and `criteria` sections of a stored suite (the rest is the
 * engine's), with every problem located in the file.
 */
export function readScoringSections(
  text: string,
  file: string,
):
  | { ok: true; sections: ScoringSections; source: SuiteSource }
  | { ok: false; issues: SuiteIssue[] } {
  const source = new SuiteSource(text, file);
  const syntax = source.syntaxIssues();
  if (syntax.length) return { ok: false, issues: syntax };
  const parsed = Sections.safeParse(source.doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) =>
        source.issueAt(
          issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
          issue.message,
        ),
      ),
    };
  }
  return {
    ok: true,
    sections: {
      suiteName: parsed.data.name ?? 'suite',
      scorers: parsed.data.scorers,
      criteria: parsed.data.criteria,
    },
    source,
  };
}
