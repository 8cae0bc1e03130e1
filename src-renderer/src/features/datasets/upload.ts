/**
 * Browser mode only: sends a picked file to `POST /api/upload`, which streams it into the
 * workspace and answers with its path for the import. The desktop app has no such step
 * (the core reads paths on the same machine). Uses XMLHttpRequest for upload progress.
 */
const tokenKey = 'yardstick.token';

export function canUpload(): boolean {
  return !window.yardstick && sessionStorage.getItem(tokenKey) !== null;
}

export interface Uploaded {
  path: string;
  name: string;
  bytes: number;
}

export function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/upload');
    request.setRequestHeader('authorization', `Bearer ${sessionStorage.getItem(tokenKey) ?? ''}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as
          { ok: true; value: Uploaded } | { ok: false; error: { message: string } };
        if (body.ok) resolve(body.value);
        else reject(new Error(body.error.message));
      } catch {
        reject(new Error(`upload failed (HTTP ${request.status})`));
      }
    };
    request.onerror = () => reject(new Error('upload failed: the server is not reachable'));
    request.onabort = () => reject(new Error('upload cancelled'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
