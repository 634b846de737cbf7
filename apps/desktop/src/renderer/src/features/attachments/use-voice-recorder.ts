import { useCallback, useEffect, useRef, useState } from 'react';

export type RecorderState = { status: 'idle' } | { status: 'starting' } | { status: 'recording'; startedAt: number } | { status: 'error'; message: string };

/** Whether this browser can record voice notes at all. */
export const canRecordVoice = () => typeof MediaRecorder !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

/**
 * The microphone through MediaRecorder: start() asks for it, stop() resolves with the recording
 * (null when cancelled or empty). The stream is released as soon as recording ends.
 */
export function useVoiceRecorder() {
  const [state, setState] = useState<RecorderState>({ status: 'idle' });
  const recorder = useRef<MediaRecorder | null>(null);
  const chunks = useRef<Blob[]>([]);

  const release = useCallback(() => {
    recorder.current?.stream.getTracks().forEach((t) => t.stop());
    recorder.current = null;
  }, []);

  useEffect(() => release, [release]);

  const start = useCallback(async () => {
    if (recorder.current) return;
    setState({ status: 'starting' });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'].find((t) => MediaRecorder.isTypeSupported(t));
      const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      chunks.current = [];
      rec.ondataavailable = (e) => e.data.size > 0 && chunks.current.push(e.data);
      rec.start(250);
      recorder.current = rec;
      setState({ status: 'recording', startedAt: Date.now() });
    } catch (error) {
      release();
      const denied = error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
      setState({ status: 'error', message: denied ? 'Confab may not use the microphone. Allow it in the browser to record.' : 'No microphone could be used.' });
    }
  }, [release]);

  const stop = useCallback(
    (keep: boolean): Promise<File | null> => {
      const rec = recorder.current;
      setState({ status: 'idle' });
      if (!rec) return Promise.resolve(null);
      return new Promise((resolve) => {
        rec.onstop = () => {
          release();
          const type = (rec.mimeType || 'audio/webm').split(';')[0]!;
          const blob = new Blob(chunks.current, { type });
          resolve(keep && blob.size > 0 ? new File([blob], `voice-${Date.now()}.${type.includes('ogg') ? 'ogg' : 'webm'}`, { type }) : null);
        };
        rec.stop();
      });
    },
    [release],
  );

  return { state, start, stop, dismissError: () => setState({ status: 'idle' }) };
}
