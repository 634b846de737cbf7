import { ClientError, type ClientErrorCode } from '../../shared/errors.js';
import type { AuthSession } from '../session/auth-session.js';
import type { FetchFn } from '../sync/transport.js';

export interface UploadDeps {
  serverUrl: string;
  fetch: FetchFn;
  session: AuthSession;
}

export interface UploadRequest {
  bytes: Uint8Array;
  contentType: string;
  fileName?: string | undefined;
  kind?: 'image' | 'video' | 'audio' | 'document' | undefined;
}

export interface UploadedMedia {
  mediaId: string;
  kind: string;
  mime: string;
  size: number;
}

/**
 * Uploads an attachment to the server (online only: a file is sent when it is attached, as the
 * big messengers do). The server sniffs the real type and enforces the limits; its refusal comes
 * back as a ClientError the UI can show.
 */
export async function uploadMedia(deps: UploadDeps, request: UploadRequest): Promise<UploadedMedia> {
  const url = new URL('/media', deps.serverUrl);
  if (request.kind) url.searchParams.set('kind', request.kind);
  const post = (token: string | null) =>
    deps.fetch(url.toString(), {
      method: 'POST',
      headers: {
        'content-type': request.contentType || 'application/octet-stream',
        ...(request.fileName ? { 'x-file-name': encodeURIComponent(request.fileName) } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: new Blob([request.bytes as Uint8Array<ArrayBuffer>]),
    });
  const token = deps.session.accessToken;
  let response = await post(token);
  if (response.status === 401) {
    await response.body?.cancel();
    await deps.session.refresh(token);
    response = await post(deps.session.accessToken);
  }
  const body = (await response.json().catch(() => null)) as (UploadedMedia & { error?: { code?: string; message?: string } }) | null;
  if (!response.ok || !body?.mediaId) {
    // The server's code (PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE…) and message, for the screens.
    throw new ClientError((body?.error?.code as ClientErrorCode | undefined) ?? 'FAILED', body?.error?.message ?? `The file could not be uploaded (HTTP ${response.status})`);
  }
  return { mediaId: body.mediaId, kind: body.kind, mime: body.mime, size: body.size };
}
