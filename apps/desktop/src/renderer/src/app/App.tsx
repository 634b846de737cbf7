import { useEffect, useMemo, useState } from 'react';
import { SignInScreen } from '../features/auth/SignInScreen';
import type { Backend, UserView } from '../lib/backend';
import { drafts } from '../features/chats/drafts';
import { Spinner } from '../ui/Spinner';
import { BackendContext, MessengerContext } from './context';
import { MainLayout } from './MainLayout';
import { Messenger } from './messenger';

type Phase = { kind: 'restoring' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; user: UserView };

export function App({ backend }: { backend: Backend }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'restoring' });

  useEffect(() => {
    let live = true;
    void backend.call('session.restore').then(({ user }) => {
      if (live) setPhase(user ? { kind: 'signed-in', user } : { kind: 'signed-out' });
    });
    const stop = backend.onSignedOut(() => {
      drafts.clearAll();
      setPhase({ kind: 'signed-out', notice: 'Your session ended, perhaps from another device. Sign in again to continue.' });
    });
    return () => {
      live = false;
      stop();
    };
  }, [backend]);

  return (
    <BackendContext.Provider value={backend}>
      {phase.kind === 'restoring' && (
        <div className="splash">
          <Spinner label="Loading Confab" />
        </div>
      )}
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
