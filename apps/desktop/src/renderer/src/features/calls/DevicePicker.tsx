import { useEffect, useId, useState } from 'react';
import type { CallSession } from './call-session';

/** Microphone, camera and speaker for the call in progress. */
export function DevicePicker({ session }: { session: CallSession }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const ids = { audio: useId(), video: useId(), output: useId() };
  useEffect(() => {
    void navigator.mediaDevices.enumerateDevices().then(setDevices);
  }, []);
  const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  const current = (kind: 'audio' | 'video') => (kind === 'audio' ? session.local?.getAudioTracks() : session.local?.getVideoTracks())?.[0]?.getSettings().deviceId ?? '';
  const speaker = (deviceId: string) => {
    for (const el of document.querySelectorAll<HTMLVideoElement & { setSinkId?(id: string): Promise<void> }>('.call-tile__video')) void el.setSinkId?.(deviceId);
  };
  return (
    <div className="call-devices">
      <label htmlFor={ids.audio}>Microphone</label>
      <select id={ids.audio} defaultValue={current('audio')} onChange={(e) => void session.useDevice('audio', e.target.value)}>
        {of('audioinput').map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `Microphone ${i + 1}`}
          </option>
        ))}
      </select>
      {session.video && (
        <>
          <label htmlFor={ids.video}>Camera</label>
          <select id={ids.video} defaultValue={current('video')} onChange={(e) => void session.useDevice('video', e.target.value)}>
            {of('videoinput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </>
      )}
      {of('audiooutput').length > 0 && (
        <>
          <label htmlFor={ids.output}>Speaker</label>
          <select id={ids.output} onChange={(e) => speaker(e.target.value)}>
            {of('audiooutput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Speaker ${i + 1}`}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
