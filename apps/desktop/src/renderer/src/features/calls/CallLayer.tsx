import { useEffect, useMemo, type ReactNode } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { CallController } from './call-controller';
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
      {!current && ringing[0] && <IncomingCallScreen call={ringing[0]} />}
      {notice && (
        <p className="call-notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
