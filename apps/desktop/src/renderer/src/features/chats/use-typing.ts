import { useEffect, useState } from 'react';
import { useMessengerState } from '../../app/use-messenger-state';
import { typingUsers } from './state';

/** Who is typing in the chat now (ids; empty when nobody); re-renders when that expires. */
export function useTyping(chatId: string): string[] {
  const typing = useMessengerState((s) => s.typing[chatId]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!typing) return;
    const next = Math.min(...Object.values(typing).filter((until) => until > Date.now()));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => setNow(Date.now()), next - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [typing, now]);
  useEffect(() => setNow(Date.now()), [typing]);
  return typingUsers(typing, now);
}
