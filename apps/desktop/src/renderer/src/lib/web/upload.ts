import { BackendError, type UploadProgress, type UploadedMedia } from '../backend';

/**
 * POST /media with the file as the body. XMLHttpRequest, not fetch: only XHR reports upload
 * progress in browsers today.
 */
export function uploadWithProgress(
  url: string,
  file: Blob,
  token: string | null,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    // The name a download is saved under; percent-encoded so any Unicode name fits a header.
    if (file instanceof File && file.name) xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new BackendError('NETWORK', 'The upload failed. Check your connection and try again.'));
    xhr.onabort = () => reject(new BackendError('ABORTED', 'Upload cancelled.'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.mediaId === 'string') {
        resolve({ mediaId: body.mediaId });
        return;
      }
      reject(uploadError(xhr.status, body));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function uploadError(status: number, body: Record<string, any> | null): BackendError {
  const message: unknown = body?.error?.message;
  if (status === 404) return new BackendError('NOT_SUPPORTED', 'This server does not accept uploads yet.');
  if (status === 413) return new BackendError('PAYLOAD_TOO_LARGE', typeof message === 'string' ? message : 'That file is too large.');
  if (status === 401) return new BackendError('UNAUTHORIZED', 'Sign in again to upload.');
  return new BackendError(String(body?.error?.code ?? status), typeof message === 'string' ? message : `The upload failed (${status}).`);
}

function parseJson(text: string): Record<string, any> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, any>) : null;
  } catch {
    return null;
  }
}
