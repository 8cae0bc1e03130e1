import { api } from '../../api/client';
import { saveBlob } from '../../saveFile';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Fetches a finished export from the core chunk by chunk and downloads it. */
export async function downloadExport(downloadId: string): Promise<string> {
  if (!api) throw new Error('not connected');
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset: number | null = 0;
  let fileName = 'export';
  let mimeType = 'application/octet-stream';
  while (offset !== null) {
    const chunk: { fileName: string; mimeType: string; base64: string; nextOffset: number | null } =
      await api.call('reports.download', { downloadId, offset });
    parts.push(bytesOf(chunk.base64));
    fileName = chunk.fileName;
    mimeType = chunk.mimeType;
    offset = chunk.nextOffset;
  }
  saveBlob(fileName, new Blob(parts, { type: mimeType }));
  return fileName;
}
