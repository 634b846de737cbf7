import { describe, expect, it } from 'vitest';
import type { ChatView, MessageView } from '../../lib/backend';
import { applyEvent, initialState, mergeMessages, peerReceipt, sortedChats, totalUnread, typingUsers, type MessengerState } from './state';
import { notificationFor } from '../notifications/browser-notifications';

const me = { id: 'me', phone: '+12015550100', name: 'Me', about: '', avatarMediaId: null, deleted: false };
const peer = { ...me, id: 'peer', phone: '+12015550101', name: 'Peer' };

function message(seq: number, senderId = 'peer', extra: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`, chatId: 'c1', seq, senderId, clientId: `k${seq}`, kind: 'text', text: `text ${seq}`, mediaId: null, replyToId: null, meta: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, seq)).toISOString(), editedAt: null, deletedAt: null, expiresAt: null, reactions: [], ...extra,
  };
}

function chat(extra: Partial<ChatView> = {}): ChatView {
  return {
    id: 'c1', kind: 'direct', title: 'Peer', description: null, avatarMediaId: null, peer, role: 'member', readOnly: false,
    createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(), lastSeq: 2, lastReadSeq: 2, unreadCount: 0, lastMessage: message(2),
    mutedUntil: null, hidden: false, disappearingSeconds: null, theme: null, background: null, ...extra,
  } as ChatView;
}

function state(extra: Partial<MessengerState> = {}): MessengerState {
  return {
    ...initialState, me, chats: { c1: chat() },
    conversations: { c1: { messages: [message(1), message(2)], hasMore: false, loading: false, error: null } }, ...extra,
  };
}

const away = { activeChatVisible: false, now: Date.UTC(2026, 0, 1, 13) };

describe('applying the event stream', () => {
  it('a deleted emoticon leaves the loaded messages and the preview that draw it; a saved copy of it stays', () => {
    const party = (emoticonId: string) => ({ emoticons: { party: { emoticonId, mediaId: `media-${emoticonId}`, animated: false } } });
    const hers = message(1, 'peer', { text: 'Yay :party:', meta: party('emo-peer') });
    const mine = message(2, 'me', { text: 'Mine too :party:', meta: party('emo-me') });
    const last = message(3, 'peer', { text: ':party:', meta: party('emo-peer') });
    const before = state({ chats: { c1: chat({ lastMessage: last }) }, conversations: { c1: { messages: [hers, mine, last], hasMore: false, loading: false, error: null } } });
    const after = applyEvent(before, { type: 'emoticon.deleted', emoticonId: 'emo-peer', shortcut: 'party' }, away);
    expect(after.conversations.c1!.messages.map((m) => m.meta)).toEqual([null, party('emo-me'), null]);
    expect(after.chats.c1!.lastMessage?.meta).toBeNull();
    expect(applyEvent(after, { type: 'emoticon.deleted', emoticonId: 'emo-peer', shortcut: 'party' }, away)).toBe(after);
  });

  it('a new message is added once, counted unread once, and moves the chat preview', () => {
    const event = { type: 'message.new', message: message(3) } as const;
    const once = applyEvent(state(), event, away);
    const twice = applyEvent(once, event, away);
    expect(twice.conversations.c1!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(twice.chats.c1!.unreadCount).toBe(1);
    expect(twice.chats.c1!.lastMessage?.id).toBe('m3');
  });

  it('a message in the chat on screen is not counted unread', () => {
    const next = applyEvent(state({ activeChatId: 'c1' }), { type: 'message.new', message: message(3) }, { ...away, activeChatVisible: true });
    expect(next.chats.c1!.unreadCount).toBe(0);
  });

  it('my own message (from another device or the send reply) replaces the pending copy and is read', () => {
    const pending = { clientId: 'k3', chatId: 'c1', text: 'text 3', replyToId: null, createdAt: '', error: null };
    const next = applyEvent(state({ pending: [pending] }), { type: 'message.new', message: message(3, 'me') }, away);
    expect(next.pending).toEqual([]);
    expect(next.chats.c1).toMatchObject({ unreadCount: 0, lastReadSeq: 3 });
  });

  it('deleted for everyone keeps a placeholder; deleted for me removes it', () => {
    const forAll = applyEvent(state(), { type: 'message.deleted', chatId: 'c1', messageId: 'm2', seq: 2, forEveryone: true }, away);
    expect(forAll.conversations.c1!.messages[1]).toMatchObject({ id: 'm2', text: null });
    expect(forAll.conversations.c1!.messages[1]!.deletedAt).not.toBeNull();
    const forMe = applyEvent(state(), { type: 'message.deleted', chatId: 'c1', messageId: 'm2', seq: 2, forEveryone: false }, away);
    expect(forMe.conversations.c1!.messages.map((m) => m.id)).toEqual(['m1']);
    expect(forMe.chats.c1!.lastMessage?.id).toBe('m1');
  });

  it('a reaction replaces that person’s previous one, and null takes it back', () => {
    let s = applyEvent(state(), { type: 'reaction', chatId: 'c1', messageId: 'm1', userId: 'me', emoji: '👍' }, away);
    s = applyEvent(s, { type: 'reaction', chatId: 'c1', messageId: 'm1', userId: 'me', emoji: '❤️' }, away);
    expect(s.conversations.c1!.messages[0]!.reactions).toEqual([{ userId: 'me', emoji: '❤️' }]);
    s = applyEvent(s, { type: 'reaction', chatId: 'c1', messageId: 'm1', userId: 'me', emoji: null }, away);
    expect(s.conversations.c1!.messages[0]!.reactions).toEqual([]);
  });

  it('receipts from the peer only move forward and drive the ticks', () => {
    let s = applyEvent(state(), { type: 'receipt', chatId: 'c1', userId: 'peer', deliveredSeq: 5 }, away);
    s = applyEvent(s, { type: 'receipt', chatId: 'c1', userId: 'peer', readSeq: 3, deliveredSeq: 3 }, away);
    expect(peerReceipt(s, s.chats.c1!)).toEqual({ readSeq: 3, deliveredSeq: 5 });
    const fromView = chat({ peerReadSeq: 7, peerDeliveredSeq: 8 } as Partial<ChatView>);
    expect(peerReceipt(state({ chats: { c1: fromView } }), fromView)).toEqual({ readSeq: 7, deliveredSeq: 8 });
  });

  it('reading on another device of mine clears the unread count', () => {
    const s = state({ chats: { c1: chat({ lastSeq: 4, lastReadSeq: 2, unreadCount: 2 }) } });
    const next = applyEvent(s, { type: 'receipt', chatId: 'c1', userId: 'me', readSeq: 4, deliveredSeq: 4 }, away);
    expect(next.chats.c1).toMatchObject({ lastReadSeq: 4, unreadCount: 0 });
  });

  it('typing shows for a few seconds and stops when that person’s message arrives', () => {
    let s = applyEvent(state(), { type: 'typing', chatId: 'c1', userId: 'peer' }, away);
    expect(typingUsers(s.typing.c1, away.now)).toEqual(['peer']);
    expect(typingUsers(s.typing.c1, away.now + 60_000)).toEqual([]);
    s = applyEvent(s, { type: 'message.new', message: message(3) }, away);
    expect(typingUsers(s.typing.c1, away.now)).toEqual([]);
  });

  it('a profile change renames the 1:1 chat', () => {
    const next = applyEvent(state(), { type: 'user.updated', user: { id: 'peer', name: 'Pat', about: 'hi', avatarMediaId: null } }, away);
    expect(next.chats.c1!.title).toBe('Pat');
  });

  it('a group change (name, description, image) reaches the chat list and header', () => {
    const group = { id: 'c1', name: 'Climbing', description: 'Sundays', avatarMediaId: 'img1', createdAt: '', createdBy: 'me', permissions: { send: 'all', editInfo: 'all', addMembers: 'all' }, memberCount: 3, deleted: false } as const;
    const before = state({ chats: { c1: chat({ kind: 'group', peer: null, title: 'Old name' }) } });
    const next = applyEvent(before, { type: 'group.updated', group }, away);
    expect(next.chats.c1).toMatchObject({ title: 'Climbing', description: 'Sundays', avatarMediaId: 'img1', readOnly: false });
    const removed = applyEvent(next, { type: 'group.updated', group: { ...group, avatarMediaId: null } }, away);
    expect(removed.chats.c1!.avatarMediaId).toBeNull();
    expect(applyEvent(state(), { type: 'group.updated', group: { ...group, id: 'unknown' } }, away).chats).toEqual(state().chats);
  });
});

describe('helpers', () => {
  it('merges pages by seq in order', () => {
    expect(mergeMessages([message(3), message(4)], [message(1), message(2), message(3)]).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('sorts chats by latest activity and leaves hidden ones out', () => {
    const older = chat({ id: 'a', lastMessage: message(1) });
    const newer = chat({ id: 'b', lastMessage: message(9) });
    const hidden = chat({ id: 'c', hidden: true, lastMessage: message(20) });
    expect(sortedChats({ a: older, b: newer, c: hidden }).map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('a disappearing message whose time ran out leaves the conversation; one deleted for everyone keeps its place', () => {
    const expired = applyEvent(state(), { type: 'message.deleted', chatId: 'c1', messageId: 'm1', seq: 1, forEveryone: true, expired: true }, away);
    expect(expired.conversations.c1!.messages.map((m) => m.id)).toEqual(['m2']);
    const deleted = applyEvent(state(), { type: 'message.deleted', chatId: 'c1', messageId: 'm1', seq: 1, forEveryone: true }, away);
    expect(deleted.conversations.c1!.messages.map((m) => [m.id, m.text])).toEqual([['m1', null], ['m2', 'text 2']]);
  });

  it('a chat cleared on another device drops the messages it cleared', () => {
    const next = applyEvent(state(), { type: 'chat.updated', chat: chat({ clearedSeq: 1 }) }, away);
    expect(next.conversations.c1!.messages.map((m) => m.seq)).toEqual([2]);
  });
});

describe('message requests stay quiet', () => {
  const request = chat({ id: 'c2', unreadCount: 3, messageRequest: true });
  it('do not add to the unread count in the title', () => {
    expect(totalUnread({ c1: chat({ unreadCount: 2 }), c2: request })).toBe(2);
  });
  it('raise no browser notification, though a message from a contact does', () => {
    const arrived = { me: 'me', senderName: 'Peer', openChatId: null, looking: false };
    expect(notificationFor({ ...arrived, chat: request, message: message(3, 'peer', { chatId: 'c2' }) })).toBeNull();
    expect(notificationFor({ ...arrived, chat: chat(), message: message(3) })).toMatchObject({ title: 'Peer', tag: 'c1' });
  });
});
