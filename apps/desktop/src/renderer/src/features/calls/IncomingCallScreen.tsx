import type { CallView } from '@confab/api';
import { Phone, PhoneOff, Video } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Avatar } from '../../ui/Avatar';
import { useCallTitle } from './call-names';
import { useCallController } from './use-calls';

/** Someone is calling: who, voice or video, and answer (with or without camera) or decline. */
export function IncomingCallScreen({ call }: { call: CallView }) {
  const controller = useCallController();
  const { title, avatarMediaId, peerId, group } = useCallTitle(call);
  const answer = useRef<HTMLButtonElement>(null);
  useEffect(() => answer.current?.focus(), [call.id]);
  const kind = call.video ? 'video' : 'voice';
  return (
    <div className="call-incoming" role="alertdialog" aria-modal="false" aria-labelledby="call-incoming-title" aria-describedby="call-incoming-kind">
      <Avatar id={peerId ?? call.chatId} name={title} mediaId={avatarMediaId} group={group} />
      <div className="call-incoming__text">
        <h2 id="call-incoming-title" className="call-incoming__title">
          {title}
        </h2>
        <p id="call-incoming-kind" className="call-incoming__kind">
          Incoming {group ? 'group ' : ''}
          {kind} call
        </p>
      </div>
      <div className="call-incoming__actions">
        <button type="button" className="call-button call-button--end" onClick={() => void controller.decline(call)} aria-label="Decline">
          <PhoneOff aria-hidden="true" />
        </button>
        <button ref={answer} type="button" className="call-button call-button--accept" onClick={() => void controller.accept(call, false)} aria-label="Answer with voice">
          <Phone aria-hidden="true" />
        </button>
        {call.video && (
          <button type="button" className="call-button call-button--accept" onClick={() => void controller.accept(call, true)} aria-label="Answer with video">
            <Video aria-hidden="true" />
          </button>
        )}
      </div>
    </div>
  );
}
