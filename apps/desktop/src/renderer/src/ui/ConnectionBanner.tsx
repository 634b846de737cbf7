import { CloudOff, DatabaseZap, Loader2, RefreshCw } from 'lucide-react';
import type { ConnectionState } from '../lib/backend';

const TEXT: Record<Exclude<ConnectionState, 'online'>, string> = {
  connecting: 'Connecting…',
  syncing: 'Syncing messages…',
  offline: 'You are offline. Reconnecting…',
  cache: 'Offline — showing saved messages',
};

/** A slim strip above the chat list whenever the live connection is not simply "online". */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  return (
    <div className={`connection connection--${state}`} role="status" aria-live="polite" data-connection={state}>
      {state !== 'online' && (
        <>
          {state === 'offline' ? (
            <CloudOff aria-hidden="true" />
          ) : state === 'cache' ? (
            <DatabaseZap aria-hidden="true" />
          ) : state === 'syncing' ? (
            <RefreshCw className="spin" aria-hidden="true" />
          ) : (
            <Loader2 className="spin" aria-hidden="true" />
          )}
          <span>{TEXT[state]}</span>
        </>
      )}
    </div>
  );
}
