import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { CallController } from './call-controller';
import { CallPip } from './CallPip';
import { IncomingCallScreen } from './IncomingCallScreen';
import { InCallScreen } from './InCallScreen';
import { CallsContext, useCalls } from './use-calls';

/** Calls for the signed-in user: the controller for every screen below, and the call screens on top. */
export function CallLayer({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const me = useMessengerState((s) => s.me?.id ?? '');
  const controller = useMemo(() => new CallController(backend, me), [backend, me]);
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  // Going to another chat (from the floating window, a notification, a shortcut) keeps the call
  // going in the floating window, as in WhatsApp Desktop and Telegram.
  const activeChatId = useMessengerState((s) => s.activeChatId);
  const lastChatId = useRef(activeChatId);
  useEffect(() => {
    if (activeChatId !== lastChatId.current) controller.minimise();
    lastChatId.current = activeChatId;
  }, [activeChatId, controller]);
  return (
    <CallsContext.Provider value={controller}>
      {children}
      <CallScreens />
    </CallsContext.Provider>
  );
}

function CallScreens() {
  const ringing = useCalls((s) => s.ringing);
  const current = useCalls((s) => s.current);
  const notice = useCalls((s) => s.notice);
  return (
    <>
      {current && <InCallScreen />}
      {current?.minimised && <CallPip />}
      {!current && ringing[0] && <IncomingCallScreen call={ringing[0]} />}
      {notice && (
        <p className="call-notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
