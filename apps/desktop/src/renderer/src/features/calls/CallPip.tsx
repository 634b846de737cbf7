import { Mic, MicOff, PhoneOff } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Avatar } from '../../ui/Avatar';
import { focusCallScreen } from './call-focus';
import { useCallTitle } from './call-names';
import { useDraggable } from './use-draggable';
import { useCallController, useCallStatus, useCalls, useSession } from './use-calls';

/**
 * The call, small and floating over the chats while the user reads or writes elsewhere (as
 * WhatsApp Desktop and Telegram do): the other person's video (or their picture), how long,
 * mute and hang up; a click returns to the full call. It can be dragged anywhere, or moved with
 * the arrow keys. The sound keeps coming from the full screen's tiles, hidden meanwhile.
 */
export function CallPip() {
  const controller = useCallController();
  const current = useCalls((s) => s.current)!;
  const { call, session } = current;
  useSession(session);
  const { title, avatarMediaId, peerId, group } = useCallTitle(call);
  const status = useCallStatus(current);
  const box = useRef<HTMLElement>(null);
  const drag = useDraggable(box);
  // Their camera, or in a voice call the screen they share.
  const shown = session.peerViews.find((p) => p.video);

  return (
    <aside
      ref={box}
      className="call-pip"
      aria-label={`Call with ${title}`}
      aria-describedby="call-pip-hint"
      data-dragging={drag.dragging || undefined}
      style={drag.style}
      onPointerDown={drag.onPointerDown}
      onKeyDown={drag.onKeyDown}
    >
      <button
        type="button"
        className="call-pip__return"
        aria-label={`Return to call with ${title}`}
        onClick={(e) => {
          // The end of a drag is not a click.
          if (drag.consumeDrag()) return e.preventDefault();
          controller.restore();
          focusCallScreen();
        }}
      >
        <span className="call-pip__media">{shown?.stream ? <PipVideo stream={shown.stream} /> : <Avatar id={peerId ?? call.chatId} name={title} mediaId={avatarMediaId} group={group} />}</span>
        <span className="call-pip__text">
          <span className="call-pip__title">{title}</span>
          <span className="call-pip__status" data-testid="call-pip-status">
            {status}
          </span>
        </span>
      </button>
      <span id="call-pip-hint" hidden>
        Arrow keys move this window
      </span>
      <div className="call-pip__controls" role="toolbar" aria-label="Call controls">
        <button type="button" className={`call-button call-button--small${session.muted ? ' is-off' : ''}`} aria-pressed={session.muted} aria-label={session.muted ? 'Unmute' : 'Mute'} onClick={() => session.setMuted(!session.muted)}>
          {session.muted ? <MicOff aria-hidden="true" /> : <Mic aria-hidden="true" />}
        </button>
        <button type="button" className="call-button call-button--small call-button--end" aria-label="Hang up" onClick={() => void controller.hangUp()}>
          <PhoneOff aria-hidden="true" />
        </button>
      </div>
    </aside>
  );
}

/** The other side's video, silent here: its sound plays from the hidden full screen. */
function PipVideo({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className="call-pip__video" autoPlay playsInline muted />;
}
