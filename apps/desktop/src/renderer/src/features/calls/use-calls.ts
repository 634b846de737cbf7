import { createContext, useContext, useEffect, useReducer, useState } from 'react';
import { useStore } from '../../lib/store';
import type { CallController, CallsState } from './call-controller';
import type { CallSession } from './call-session';

export const CallsContext = createContext<CallController | null>(null);

export function useCallController(): CallController {
  const controller = useContext(CallsContext);
  if (!controller) throw new Error('useCallController outside <CallsContext>');
  return controller;
}

export function useCalls<S>(selector: (state: CallsState) => S): S {
  return useStore(useCallController().store, selector);
}

/** Re-renders whenever the session's media or connections change. */
export function useSession(session: CallSession | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => session?.changes.on(bump), [session]);
}

/** "0:42", "12:05", "1:02:03". */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The current time, ticking each second while `running` (a call's duration). */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/** "1:05" once connected, else "Connecting…" (someone answered) or "Ringing…". */
export function useCallStatus(current: NonNullable<CallsState['current']>): string {
  const now = useNow(current.connectedAt !== null);
  const others = current.call.participants.filter((p) => p.state === 'joined').length - 1;
  return current.connectedAt !== null ? clock(now - current.connectedAt) : others > 0 ? 'Connecting…' : 'Ringing…';
}
