import { Mic, SendHorizontal, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../media/format-media';
import { useVoiceRecorder } from './use-voice-recorder';

const HOLD_MS = 500;

/**
 * The microphone button: click to record (then Send or Delete), or hold and release to send.
 * While recording, the row shows a pulsing dot and the running duration.
 */
export function VoiceRecorder({ disabled, onRecorded }: { disabled: boolean; onRecorded(file: File): void }) {
  const { state, start, stop, dismissError } = useVoiceRecorder();
  const pressedAt = useRef<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (state.status !== 'recording') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state.status]);

  async function finish(keep: boolean) {
    const file = await stop(keep);
    if (file) onRecorded(file);
  }

  if (state.status === 'recording' || state.status === 'starting') {
    const elapsed = state.status === 'recording' ? Math.max(0, now - state.startedAt) : 0;
    return (
      <div className="voice-rec" role="group" aria-label="Recording a voice message">
        <button type="button" className="icon-button" onClick={() => void finish(false)} aria-label="Delete recording">
          <Trash2 aria-hidden="true" />
        </button>
        <span className="voice-rec__dot" aria-hidden="true" />
        <span className="voice-rec__time" data-testid="voice-duration" aria-live="off">
          {state.status === 'starting' ? 'Starting…' : formatDuration(elapsed)}
        </span>
        <span className="sr-only" role="status">
          Recording
        </span>
        <button
          type="button"
          className="icon-button icon-button--send"
          onClick={() => void finish(true)}
          aria-label="Send voice message"
          disabled={state.status !== 'recording'}
        >
          <SendHorizontal aria-hidden="true" />
        </button>
      </div>
    );
  }

  return (
    <>
      {state.status === 'error' && (
        <p className="form-error voice-rec__error" role="alert" onClick={dismissError}>
          {state.message}
        </p>
      )}
      <button
        type="button"
        className="icon-button"
        disabled={disabled}
        aria-label="Record a voice message"
        title="Click to record, or hold and release to send"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          const at = Date.now();
          pressedAt.current = at;
          void start();
          // Released after holding the mic: send straight away; a short click keeps recording.
          document.addEventListener(
            'pointerup',
            () => {
              if (pressedAt.current === at && Date.now() - at > HOLD_MS) void finish(true);
              pressedAt.current = null;
            },
            { once: true },
          );
        }}
        // Keyboard (Enter/Space): a click with no pointer; the pointer already started it.
        onClick={(e) => e.detail === 0 && void start()}
      >
        <Mic aria-hidden="true" />
      </button>
    </>
  );
}
