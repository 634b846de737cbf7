import { ClientError, type ClientErrorCode } from '../../../../shared/errors';
import type { UploadedFile } from '../../../../shared/procedures';
import type { UploadProgress } from '../backend';

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
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    // The name a download is saved under; percent-encoded so any Unicode name fits a header.
    if (file instanceof File && file.name) xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ClientError('NETWORK', 'The upload failed. Check your connection and try again.'));
    xhr.onabort = () => reject(new ClientError('ABORTED', 'Upload cancelled.'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.mediaId === 'string') {
        resolve(body as UploadedFile);
        return;
      }
      reject(uploadError(xhr.status, body));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function uploadError(status: number, body: Record<string, any> | null): ClientError {
  const message: unknown = body?.error?.message;
  if (status === 404) return new ClientError('NOT_FOUND', 'This server does not accept uploads.');
  if (status === 413) return new ClientError('PAYLOAD_TOO_LARGE', typeof message === 'string' ? message : 'That file is too large.');
  if (status === 401) return new ClientError('UNAUTHORIZED', 'Sign in again to upload.');
  return new ClientError((body?.error?.code as ClientErrorCode | undefined) ?? 'FAILED', typeof message === 'string' ? message : `The upload failed (${status}).`);
}

function parseJson(text: string): Record<string, any> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, any>) : null;
  } catch {
    return null;
  }
}
