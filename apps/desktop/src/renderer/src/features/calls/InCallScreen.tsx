import { Mic, MicOff, Minimize2, PhoneOff, ScreenShare, ScreenShareOff, Settings2, Video, VideoOff } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { memberName, useGroupMembers } from '../groups/use-group-data';
import type { PeerView } from './call-session';
import { useCallTitle } from './call-names';
import { DevicePicker } from './DevicePicker';
import { focusCallPip } from './call-focus';
import { useCallController, useCallStatus, useCalls, useSession } from './use-calls';

/** The call this device is in: the others' tiles, my preview, duration and quality, and the controls. */
export function InCallScreen() {
  const controller = useCallController();
  const current = useCalls((s) => s.current)!;
  const { call, session, connectedAt, minimised } = current;
  useSession(session);
  const { title } = useCallTitle(call);
  const [devices, setDevices] = useState(false);
  const [shareError, setShareError] = useState<string | null>(null);
  const status = useCallStatus(current);
  const peers = session.peerViews;
  const quality = peers.find((p) => p.quality)?.quality ?? null;
  const members = useGroupMembers(call.chatId, call.group);
  const nameOf = (userId: string) => (call.group ? memberName(members, userId) : title);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape' && !minimised && !e.defaultPrevented && !document.querySelector('dialog[open], [role="dialog"]')) {
        controller.minimise();
        focusCallPip();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey) return;
      if (e.key.toLowerCase() === 'm') session.setMuted(!session.muted);
      else if (e.key.toLowerCase() === 'e') void controller.hangUp();
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, controller, minimised]);

  async function toggleScreenShare() {
    setShareError(null);
    try {
      if (session.screen) await session.stopScreenShare();
      else await session.shareScreen();
    } catch (error) {
      // Cancelling the picker is a choice, not a failure.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) setShareError('Could not share your screen');
    }
  }

  return (
    <section className="call-screen" aria-label={`Call with ${title}`} hidden={minimised} data-call-state={connectedAt !== null ? 'connected' : 'connecting'}>
      <header className="call-screen__header">
        <button
          type="button"
          className="call-button call-button--small call-screen__minimise"
          aria-label="Minimise call"
          title="Back to chats (Esc)"
          onClick={() => {
            controller.minimise();
            focusCallPip();
          }}
        >
          <Minimize2 aria-hidden="true" />
        </button>
        <h2 className="call-screen__title">{title}</h2>
        <p className="call-screen__status" data-testid="call-status">
          {status}
          {quality && (
            <span className={`call-quality call-quality--${quality}`} data-testid="call-quality">
              {' · '}
              {quality === 'good' ? 'Good connection' : quality === 'fair' ? 'Fair connection' : 'Poor connection'}
            </span>
          )}
        </p>
        {session.screen && (
          <p className="call-screen__sharing" role="status">
            You are sharing your screen
          </p>
        )}
        {shareError && (
          <p className="call-screen__sharing is-error" role="alert">
            {shareError}
          </p>
        )}
      </header>
      <div className="call-screen__tiles" data-count={Math.max(1, peers.length)}>
        {peers.map((peer) => (
          <Tile key={peer.userId} peer={peer} video={call.video} name={nameOf(peer.userId)} />
        ))}
      </div>
      {(session.video || session.screen) && session.local && <LocalPreview stream={session.screen ?? session.local} hidden={!session.screen && !session.cameraOn} label={session.screen ? 'Your shared screen' : 'Your camera'} />}
      <div className="call-screen__controls" role="toolbar" aria-label="Call controls">
        <button type="button" className={`call-button${session.muted ? ' is-off' : ''}`} aria-pressed={session.muted} aria-label={session.muted ? 'Unmute' : 'Mute'} title="Mute (Ctrl+Shift+M)" onClick={() => session.setMuted(!session.muted)}>
          {session.muted ? <MicOff aria-hidden="true" /> : <Mic aria-hidden="true" />}
        </button>
        {session.video && (
          <button type="button" className={`call-button${session.cameraOn ? '' : ' is-off'}`} aria-pressed={!session.cameraOn} aria-label={session.cameraOn ? 'Turn camera off' : 'Turn camera on'} onClick={() => session.setCamera(!session.cameraOn)}>
            {session.cameraOn ? <Video aria-hidden="true" /> : <VideoOff aria-hidden="true" />}
          </button>
        )}
        {session.canShareScreen && (
          <button type="button" className={`call-button${session.screen ? ' is-on' : ''}`} aria-pressed={session.screen !== null} aria-label={session.screen ? 'Stop sharing screen' : 'Share screen'} onClick={() => void toggleScreenShare()}>
            {session.screen ? <ScreenShareOff aria-hidden="true" /> : <ScreenShare aria-hidden="true" />}
          </button>
        )}
        <button type="button" className="call-button" aria-label="Devices" aria-expanded={devices} onClick={() => setDevices(!devices)}>
          <Settings2 aria-hidden="true" />
        </button>
        <button type="button" className="call-button call-button--end" aria-label="Hang up" title="Hang up (Ctrl+Shift+E)" onClick={() => void controller.hangUp()}>
          <PhoneOff aria-hidden="true" />
        </button>
      </div>
      {devices && <DevicePicker session={session} />}
    </section>
  );
}

function Tile({ peer, video, name }: { peer: PeerView; video: boolean; name: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== peer.stream) ref.current.srcObject = peer.stream;
  }, [peer.stream]);
  // Video arriving in a voice call is a screen they share: shown whole, not cropped to the tile.
  const screen = !video && peer.video;
  return (
    <figure className="call-tile" aria-label={name} data-user-id={peer.userId} data-connection={peer.state} data-frames-decoded={peer.framesDecoded} data-screen={screen || undefined}>
      <video ref={ref} className={`call-tile__video${screen ? ' is-screen' : ''}`} autoPlay playsInline hidden={!video && !screen} />
      {!video && !screen && <div className="call-tile__voice" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</div>}
      <figcaption className="call-tile__name">{screen ? `${name} · sharing their screen` : name}</figcaption>
    </figure>
  );
}

function LocalPreview({ stream, hidden, label }: { stream: MediaStream; hidden: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className="call-screen__preview" autoPlay playsInline muted hidden={hidden} aria-label={label} />;
}
