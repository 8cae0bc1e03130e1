import type { PromptPreview } from '@contract/routes/suites';
import type { CoreContext } from '../context';
import type { SuiteIssue } from './issues';
import { parseSuite } from './parse';
import { compilePrompt, parseTemplate, renderMessages, type TemplateItem } from './template';
import { resolveVersion } from './validate';

/**
 * A suite's prompts rendered on one item of its dataset version, with the engine's own
 * template code (`template.ts`), so the editor's preview is exactly what a run would send.
 * A prompt whose template does not parse is reported with its located issues and not rendered;
 * the others still are.
 */
export function previewPrompt(
  ctx: Pick<CoreContext, 'repos'>,
  input: { yaml: string; sourcePath?: string | undefined; itemIndex: number },
): PromptPreview {
  const file = input.sourcePath ?? 'suite.yaml';
  const parsed = parseSuite(input.yaml, file);
  const empty = { item: null, itemIndex: 0, itemCount: 0, prompts: [] };
  if (!parsed.ok) return { ...empty, issues: parsed.issues };
  const { suite, source } = parsed;
  const issues: SuiteIssue[] = [];
  const version = resolveVersion(ctx, suite, (path, message) =>
    issues.push(source.issueAt(path, message)),
  );
  if (!version) return { ...empty, issues };
  const itemCount = Math.min(version.item_count, suite.dataset.limit ?? Infinity);
  if (itemCount === 0) return { ...empty, issues };
  const itemIndex = Math.min(input.itemIndex, itemCount - 1);
  let row = null;
  for (const next of ctx.repos.runInputs.templateItems(version.id, itemIndex + 1)) row = next;
  if (!row) return { ...empty, issues };
  const item: TemplateItem = {
    key: row.item_key,
    inputFormat: row.input_format,
    input: row.input,
    reference: row.reference,
    category: row.category,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
  const prompts = suite.prompts.map((prompt, p) => {
    const promptIssues: SuiteIssue[] = [];
    prompt.messages.forEach((message, m) => {
      for (const error of parseTemplate(message.content).errors)
        promptIssues.push(source.issueAt(['prompts', p, 'messages', m, 'content'], error));
    });
    if (promptIssues.length) return { promptId: prompt.id, messages: null, issues: promptIssues };
    return {
      promptId: prompt.id,
      messages: renderMessages(compilePrompt(prompt), item),
      issues: [],
    };
  });
  return {
    issues,
    itemIndex,
    itemCount,
    item: {
      key: item.key,
      datasetName: suite.dataset.name,
      version: version.version,
      category: item.category,
      reference: item.reference,
    },
    prompts,
  };
}
