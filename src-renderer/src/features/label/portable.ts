import type { ImportResult } from '@contract/routes/labeling';
import { api } from '../../api/client';
import { saveBlob } from '../../saveFile';
import { canUpload, uploadFile } from '../datasets/upload';

/** Saves text as a file through the browser's download (the renderer never touches the disk). */
export function downloadText(fileName: string, text: string): void {
  saveBlob(fileName, new Blob([text], { type: 'application/json' }));
}

/** Session files up to this size travel as text in the call; larger ones are uploaded first. */
const inlineLimit = 8 * 1024 * 1024;

export async function importSessionFile(file: File): Promise<ImportResult> {
  if (!api) throw new Error('not connected');
  if (file.size > inlineLimit && canUpload()) {
    const uploaded = await uploadFile(file, () => undefined, new AbortController().signal);
    return api.call('labeling.import', { path: uploaded.path });
  }
  return api.call('labeling.import', { text: await file.text(), fileName: file.name });
}
