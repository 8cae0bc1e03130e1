import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { ContaminationOutcome } from '@contract/routes/datasets';
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import { throwIfCancelled, type JobControl } from '../../jobs/jobManager';
import { contentText } from '../import/chatLog';
import { byteLines } from '../import/fileStream';
import type { ProviderAdapter } from '../../providers/types';
import { embeddingSimilarity, passagesOf, type EmbeddingRequest } from './embeddingCheck';
import { NgramIndex, RollingWindow, tokenize, type IndexedField } from './ngramIndex';

export interface ContaminationRequest {
  versionId: string;
  corpusPath: string;
  n: number;
  corpusFormat: 'auto' | 'text' | 'jsonl';
  corpusField?: string | undefined;
  minMatches: number;
  embedding?: EmbeddingRequest | undefined;
}

/** The text of an item's input that is compared: a messages input compares its contents. */
function inputText(item: { inputFormat: 'text' | 'messages'; input: string }): string {
  if (item.inputFormat === 'text') return item.input;
  try {
    const messages = JSON.parse(item.input) as Array<{ content?: unknown }>;
    return messages.map((m) => contentText(m.content)).join('\n');
  } catch {
    return item.input;
  }
}

function stringsIn(value: unknown, out: string[], depth = 0): void {
  if (typeof value === 'string') out.push(value);
  else if (depth < 8 && value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) stringsIn(v, out, depth + 1);
  }
}

async function* corpusDocuments(
  path: string,
  format: 'text' | 'jsonl',
  field: string | undefined,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): AsyncGenerator<{ text: string; newDocument: boolean }> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const chunks = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfCancelled(signal);
      onBytes(chunk.length);
      yield chunk;
    }
  })();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  try {
    for await (const { bytes, overLimit } of byteLines(chunks, 64 << 20)) {
      if (overLimit !== null) continue;
      const line = decoder.decode(bytes);
      if (format === 'text') {
        yield { text: line, newDocument: false };
        continue;
      }
      if (!line.trim()) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        yield { text: line, newDocument: true };
        continue;
      }
      const texts: string[] = [];
      if (field !== undefined && record !== null && typeof record === 'object')
        stringsIn((record as Record<string, unknown>)[field], texts);
      else stringsIn(record, texts);
      yield { text: texts.join('\n'), newDocument: true };
    }
  } finally {
    stream.destroy();
  }
}

function spansOf(field: IndexedField, n: number) {
  const spans: Array<{ field: string; start: number; end: number; text: string }> = [];
  let p = 0;
  while (p < field.matched.length) {
    if (!field.matched[p]) {
      p++;
      continue;
    }
    let lastWord = p + n - 1;
    let q = p + 1;
    while (q < field.matched.length && q <= lastWord + 1) {
      if (field.matched[q]) lastWord = q + n - 1;
      q++;
    }
    const start = field.tokens[p]?.start ?? 0;
    const end = field.tokens[lastWord]?.end ?? start;
    spans.push({ field: field.field, start, end, text: field.text.slice(start, end) });
    p = lastWord + 1;
  }
  return spans;
}

/**
 * n-gram overlap (default 13 words, as in the GPT-3 and PaLM contamination studies) between a
 * version and a reference corpus, streaming over the corpus once. An item is contaminated when
 * at least `minMatches` of its n-grams occur in the corpus; matches are verified word by word.
 */
export async function checkContamination(
  ctx: CoreContext,
  request: ContaminationRequest,
  control: JobControl,
  embedder?: ProviderAdapter,
): Promise<ContaminationOutcome> {
  const version = ctx.repos.datasets.version(request.versionId);
  if (!version?.isFrozen) throw notFound('dataset version', request.versionId);
  const path = resolve(request.corpusPath);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile())
    throw new ApiError('bad_request', `corpus file not found: ${request.corpusPath}`);
  const format =
    request.corpusFormat !== 'auto'
      ? request.corpusFormat
      : ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase())
        ? 'jsonl'
        : 'text';

  const index = new NgramIndex(request.n);
  const keys: string[] = [];
  const texts: string[] = [];
  for (const item of ctx.repos.datasets.iterateItems(version.id)) {
    const i = keys.push(item.key) - 1;
    texts.push(inputText(item));
    index.add(i, 'input', texts[i] ?? '');
    if (item.reference !== null) index.add(i, 'reference', item.reference);
  }
  const window = new RollingWindow(request.n);
  let bytes = 0;
  let corpusTokens = 0;
  let lines = 0;
  for await (const doc of corpusDocuments(
    path,
    format,
    request.corpusField,
    control.signal,
    (n) => (bytes += n),
  )) {
    if (doc.newDocument) window.reset();
    for (const token of tokenize(doc.text)) {
      corpusTokens++;
      const key = window.push(token.word);
      if (key !== null) index.match(key, window);
    }
    if (++lines % 2000 === 0) {
      control.progress(bytes, info.size);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  control.progress(info.size, info.size);

  const embedding =
    request.embedding && embedder
      ? {
          ...(await embeddingSimilarity(
            embedder,
            request.embedding,
            keys.map((key, i) => ({ key, text: texts[i] ?? '' })),
            passagesOf(
              corpusDocuments(path, format, request.corpusField, control.signal, () => undefined),
              request.embedding.passageWords,
              request.embedding.maxPassages,
            ),
            control.signal,
          )),
          status: 'done' as const,
          provider: request.embedding.provider,
          model: request.embedding.model,
          threshold: request.embedding.threshold,
        }
      : {
          status: 'not_requested' as const,
          provider: null,
          model: null,
          threshold: null,
          passages: 0,
          isTruncated: false,
          items: [],
        };

  const perItem = keys.map((key) => ({
    key,
    matchedNgrams: 0,
    totalNgrams: 0,
    spans: [] as ReturnType<typeof spansOf>,
  }));
  for (const field of index.fields) {
    const entry = perItem[field.item] as (typeof perItem)[number];
    entry.totalNgrams += field.matched.length;
    for (const m of field.matched) entry.matchedNgrams += m;
    entry.spans.push(...spansOf(field, request.n));
  }
  const checked = perItem.filter((p) => p.totalNgrams > 0);
  const contaminated = checked
    .filter((p) => p.matchedNgrams >= request.minMatches)
    .map((p) => ({ ...p, overlap: p.matchedNgrams / p.totalNgrams }))
    .sort((a, b) => b.overlap - a.overlap || (a.key < b.key ? -1 : 1));
  return {
    versionId: version.id,
    corpus: request.corpusPath,
    n: request.n,
    itemCount: keys.length,
    checkedItems: checked.length,
    contaminatedItems: contaminated.length,
    rate: checked.length === 0 ? 0 : contaminated.length / checked.length,
    corpusBytes: info.size,
    corpusTokens,
    items: contaminated.slice(0, 10_000),
    embedding,
  };
}
