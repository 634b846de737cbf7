import { describe, expect, it } from 'vitest';
import type { ChatView } from '../../lib/backend';
import { filterChats, labelsInUse } from './chat-filters';
import { messageRequestChats, sortedChats } from './state';

const person = (id: string) => ({ id, phone: `+1201555${id.padStart(4, '0')}`, name: id, about: '', avatarMediaId: null, deleted: false });

function chat(id: string, extra: Partial<ChatView> = {}): ChatView {
  return {
    id, kind: 'direct', title: id, description: null, avatarMediaId: null, peer: person(`p${id}`), role: 'member', readOnly: false,
    createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(), lastSeq: 1, lastReadSeq: 1, unreadCount: 0, lastMessage: null,
    mutedUntil: null, hidden: false, disappearingSeconds: null, theme: null, background: null, labels: [], ...extra,
  } as ChatView;
}

describe('chat-list filter chips', () => {
  const work = chat('work', { labels: ['Work'] });
  const family = chat('family', { kind: 'group', peer: null, unreadCount: 2 });
  const friend = chat('friend');
  const tags = new Map([['pfriend', ['work', 'Football']]]);
  const list = [work, family, friend];

  it('Unread keeps chats with unread messages and the open one; Groups keeps groups', () => {
    expect(filterChats(list, { kind: 'unread' }, tags).map((c) => c.id)).toEqual(['family']);
    expect(filterChats(list, { kind: 'unread' }, tags, 'work').map((c) => c.id)).toEqual(['work', 'family']);
    expect(filterChats(list, { kind: 'groups' }, tags).map((c) => c.id)).toEqual(['family']);
  });

  it('a label shows chats that have it and 1:1 chats whose contact has it as a tag, in any case', () => {
    expect(filterChats(list, { kind: 'label', label: 'WORK' }, tags).map((c) => c.id)).toEqual(['work', 'friend']);
    expect(labelsInUse(list, tags)).toEqual(['Football', 'Work']);
  });

  it('message requests stay out of the main list and have their own', () => {
    const chats = { a: chat('a'), r: chat('r', { messageRequest: true }), gone: chat('gone', { messageRequest: true, hidden: true }) };
    expect(sortedChats(chats).map((c) => c.id)).toEqual(['a']);
    expect(messageRequestChats(chats).map((c) => c.id)).toEqual(['r']);
  });
});
