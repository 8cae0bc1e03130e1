import { hrefOf } from '../../stores/ui';

/** `#/compare/<runId>` or `#/compare/<runId>?baseline=<runId>`. */
export function parseCompareParams(params: readonly string[]): {
  runId: string | null;
  baselineRunId: string | null;
} {
  const [first] = params;
  if (!first) return { runId: null, baselineRunId: null };
  const [runId = '', search = ''] = first.split('?');
  const baseline = new URLSearchParams(search).get('baseline');
  return { runId: runId || null, baselineRunId: baseline || null };
}

export function compareHref(runId: string, baselineRunId?: string | null): string {
  const base = hrefOf('compare', runId);
  return baselineRunId ? `${base}?baseline=${encodeURIComponent(baselineRunId)}` : base;
}
