import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/** Formats an import reads. `chat` is JSON Lines of chat-format production logs. */
export const importFormats = ['csv', 'tsv', 'jsonl', 'json', 'parquet', 'chat'] as const;
export type ImportFormat = (typeof importFormats)[number];

const byExtension: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The format of a file: by extension, else by its first bytes ("PAR1" → Parquet, "[" → a
 * JSON array, "{" → JSON Lines, anything else → CSV). A `.json` file holding one object
 * per line is JSON Lines. Chat logs are recognised later, from the first record.
 */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const known = byExtension[extname(path).toLowerCase()];
  if (known) return known;
  const head = await firstBytes(path, 4096);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'jsonl';
  return 'csv';
}
