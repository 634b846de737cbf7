import type { MessageView, UserView } from '../../lib/backend';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A group notice as I read it: the server's English text names everyone as they were then
 * ("Ana removed Ben"); where I am the one who acted it reads "You removed Ben", and where I am
 * the one acted on, "Ben removed you" — as WhatsApp and Signal put it.
 */
export function noticeText(message: MessageView, me: Pick<UserView, 'id' | 'name' | 'phone'> | null): string {
  let text = message.text ?? 'The group changed';
  const myName = me?.name || me?.phone;
  if (!me || !myName) return text;
  let rest = 0;
  if (message.meta?.actorId === me.id && text.startsWith(`${myName} `)) {
    text = `You${text.slice(myName.length)}`;
    rest = 'You'.length;
  }
  const targets = Array.isArray(message.meta?.targetIds) ? (message.meta.targetIds as unknown[]) : [];
  if (targets.includes(me.id) && message.meta?.actorId !== me.id) {
    // "Ana is now an admin" → "You are now an admin".
    if (text.startsWith(`${myName} is `)) return `You are ${text.slice(myName.length + ' is '.length)}`;
    const head = text.slice(0, rest);
    const tail = text.slice(rest).replace(new RegExp(`(^|[\\s,])${escape(myName)}(?=$|[\\s,.!?])`), '$1you');
    text = head + tail;
  }
  return text;
}
