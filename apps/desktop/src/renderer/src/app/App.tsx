import { useEffect, useMemo, useState } from 'react';
import { SignInScreen } from '../features/auth/SignInScreen';
import { SuspendedScreen } from '../features/auth/SuspendedScreen';
import type { Backend, UserView } from '../lib/backend';
import { drafts } from '../features/chats/drafts';
import { Spinner } from '../ui/Spinner';
import { BackendContext, MessengerContext } from './context';
import { MainLayout } from './MainLayout';
import { Messenger } from './messenger';

type Phase = { kind: 'restoring' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; user: UserView } | { kind: 'suspended'; message: string };

export function App({ backend }: { backend: Backend }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'restoring' });

  useEffect(() => {
    let live = true;
    void backend.call('session.restore').then(({ user }) => {
      if (live) setPhase(user ? { kind: 'signed-in', user } : { kind: 'signed-out' });
    });
    const stop = backend.onSignedOut(() => {
      drafts.clearAll();
      // A suspension was already explained; the sign-out that follows it keeps that screen.
      setPhase((old) => (old.kind === 'suspended' ? old : { kind: 'signed-out', notice: 'Your session ended, perhaps from another device. Sign in again to continue.' }));
    });
    const stopEvents = backend.onEvent((event) => {
      if (event.type !== 'account.suspended') return;
      drafts.clearAll();
      setPhase({ kind: 'suspended', message: event.message });
    });
    return () => {
      live = false;
      stop();
      stopEvents();
    };
  }, [backend]);

  return (
    <BackendContext.Provider value={backend}>
      {phase.kind === 'restoring' && (
        <div className="splash">
          <Spinner label="Loading Confab" />
        </div>
      )}
      {phase.kind === 'suspended' && <SuspendedScreen
          message={phase.message}
          onDone={() => {
            // Forget this device's (already ended) session, then the plain sign-in screen.
            void backend
              .call('session.signOut')
              .catch(() => undefined)
              .finally(() => setPhase({ kind: 'signed-out' }));
          }}
        />}
      {phase.kind === 'signed-out' && <SignInScreen notice={phase.notice} onSignedIn={(session) => setPhase({ kind: 'signed-in', user: session.user })} />}
      {phase.kind === 'signed-in' && (
        <SignedIn key={phase.user.id} backend={backend} user={phase.user} onSignedOut={(notice) => {
            drafts.clearAll();
            setPhase({ kind: 'signed-out', notice });
          }}
        />
      )}
    </BackendContext.Provider>
  );
}

function SignedIn({ backend, user, onSignedOut }: { backend: Backend; user: UserView; onSignedOut(notice?: string): void }) {
  const messenger = useMemo(() => new Messenger(backend), [backend]);
  useEffect(() => {
    messenger.start(user);
    return () => messenger.stop();
    // The user object only seeds the state; later profile changes flow through the store.
  }, [messenger]);
  return (
    <MessengerContext.Provider value={messenger}>
      <MainLayout onSignedOut={onSignedOut} />
    </MessengerContext.Provider>
  );
}
