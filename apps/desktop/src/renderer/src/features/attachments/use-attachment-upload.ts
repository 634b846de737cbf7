import { useCallback, useRef, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { MediaKind } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';

export interface UploadState {
  fileName: string;
  loaded: number;
  total: number;
  error: string | null;
}

/**
 * Uploads one file (XHR, with progress) and sends it as a message; one upload at a time.
 * Cancelling aborts the request; a failure stays on screen until dismissed or retried.
 */
export function useAttachmentUpload(chatId: string) {
  const messenger = useMessenger();
  const [upload, setUpload] = useState<UploadState | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (file: File, kind: MediaKind, caption: string, replyToId: string | null): Promise<boolean> => {
      const controller = new AbortController();
      abort.current = controller;
      setUpload({ fileName: file.name || 'Voice message', loaded: 0, total: file.size, error: null });
      try {
        const { mediaId } = await messenger.backend.upload(file, (p) => setUpload((u) => u && { ...u, loaded: p.loaded, total: p.total }), controller.signal);
        if (controller.signal.aborted) return false;
        await messenger.sendMedia(chatId, kind, mediaId, caption, replyToId);
        setUpload(null);
        return true;
      } catch (error) {
        if (controller.signal.aborted) setUpload(null);
        else setUpload((u) => u && { ...u, error: errorText(error) });
        return false;
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [messenger, chatId],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    setUpload(null);
  }, []);

  return { upload, start, cancel };
}
