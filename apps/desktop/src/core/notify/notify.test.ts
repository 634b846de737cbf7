import { describe, expect, it } from 'vitest';
import { isMutedUntil, muteAllUntil, shouldNotify, type NotifyContext } from '../../shared/notify/policy.js';
import { describeMessage, previewFor } from '../../shared/notify/preview.js';
import { unreadSummary } from './unread.js';

const now = new Date('2026-03-01T12:00:00Z');
const ctx = (over: Partial<NotifyContext> = {}): NotifyContext => ({
  me: 'me',
  now,
  focus: { openChatId: null, windowFocused: false },
  mutedAllUntil: null,
  ...over,
});
const fromAna = { chatId: 'c1', senderId: 'ana', kind: 'text', deletedAt: null, mentionsMe: false };
const chat = { id: 'c1', mutedUntil: null };

describe('which messages notify', () => {
  it('notifies for a new message from someone else', () => {
    expect(shouldNotify(fromAna, chat, ctx())).toBe(true);
  });

  it('not for my own messages, system messages or deleted ones', () => {
    expect(shouldNotify({ ...fromAna, senderId: 'me' }, chat, ctx())).toBe(false);
    expect(shouldNotify({ ...fromAna, kind: 'system' }, chat, ctx())).toBe(false);
    expect(shouldNotify({ ...fromAna, deletedAt: '2026-03-01T11:00:00Z' }, chat, ctx())).toBe(false);
  });

  it('not for a muted chat until the mute ends', () => {
    expect(shouldNotify(fromAna, { ...chat, mutedUntil: '2026-03-01T13:00:00Z' }, ctx())).toBe(false);
    expect(shouldNotify(fromAna, { ...chat, mutedUntil: '2026-03-01T11:00:00Z' }, ctx())).toBe(true);
  });

  it('for an @mention of me even in a muted chat, but not while all notifications are muted', () => {
    const mention = { ...fromAna, mentionsMe: true };
    expect(shouldNotify(mention, { ...chat, mutedUntil: '2026-03-01T13:00:00Z' }, ctx())).toBe(true);
    expect(shouldNotify(mention, chat, ctx({ mutedAllUntil: '2026-03-01T13:00:00Z' }))).toBe(false);
  });

  it('not for the chat on screen in a focused window, but yes when the window is in the background', () => {
    expect(shouldNotify(fromAna, chat, ctx({ focus: { openChatId: 'c1', windowFocused: true } }))).toBe(false);
    expect(shouldNotify(fromAna, chat, ctx({ focus: { openChatId: 'c1', windowFocused: false } }))).toBe(true);
    expect(shouldNotify(fromAna, chat, ctx({ focus: { openChatId: 'c2', windowFocused: true } }))).toBe(true);
  });

  it('not for a message request: it waits quietly in its folder', () => {
    expect(shouldNotify(fromAna, { ...chat, messageRequest: true }, ctx())).toBe(false);
    expect(shouldNotify({ ...fromAna, mentionsMe: true }, { ...chat, messageRequest: true }, ctx())).toBe(false);
  });

  it('"mute all for 1 hour" silences everything for exactly an hour', () => {
    const until = muteAllUntil(now);
    expect(until).toBe('2026-03-01T13:00:00.000Z');
    expect(shouldNotify(fromAna, chat, ctx({ mutedAllUntil: until }))).toBe(false);
    expect(shouldNotify(fromAna, chat, ctx({ mutedAllUntil: until, now: new Date('2026-03-01T13:00:01Z') }))).toBe(true);
    expect(isMutedUntil(null, now)).toBe(false);
  });
});

describe('notification previews', () => {
  const direct = { chatKind: 'direct' as const, chatTitle: 'Ana', senderName: 'Ana', kind: 'text', text: 'Dinner at 8?' };
  const group = { chatKind: 'group' as const, chatTitle: 'Climbing', senderName: 'Ben', kind: 'text', text: 'Rope is in my car' };

  it('full shows who and what', () => {
    expect(previewFor('full', direct)).toEqual({ title: 'Ana', body: 'Dinner at 8?' });
    expect(previewFor('full', group)).toEqual({ title: 'Climbing', body: 'Ben: Rope is in my car' });
  });

  it('sender-only hides the text, none hides both', () => {
    expect(previewFor('sender-only', direct)).toEqual({ title: 'Ana', body: 'New message' });
    expect(previewFor('sender-only', group)).toEqual({ title: 'Climbing', body: 'Ben sent a message' });
    expect(previewFor('none', group)).toEqual({ title: 'Confab', body: 'New message' });
  });

  it('describes attachments and shortens long text', () => {
    expect(describeMessage('image', null)).toBe('Photo');
    expect(describeMessage('image', 'sunset')).toBe('Photo: sunset');
    expect(describeMessage('text', 'x'.repeat(500))).toHaveLength(200);
    expect(describeMessage('text', '  two\n\nlines ')).toBe('two lines');
  });
});

describe('unread counts', () => {
  it('totals unread chats for the badge, leaving out muted and hidden ones and message requests', () => {
    const summary = unreadSummary(
      [
        { id: 'a', unreadCount: 3, mutedUntil: null, hidden: false, messageRequest: false },
        { id: 'b', unreadCount: 5, mutedUntil: '2026-03-02T00:00:00Z', hidden: false, messageRequest: false },
        { id: 'c', unreadCount: 2, mutedUntil: '2026-02-01T00:00:00Z', hidden: false, messageRequest: false },
        { id: 'd', unreadCount: 7, mutedUntil: null, hidden: true, messageRequest: false },
        { id: 'e', unreadCount: 4, mutedUntil: null, hidden: false, messageRequest: true },
      ],
      now,
    );
    expect(summary).toEqual({ total: 5, perChat: { a: 3, b: 5, c: 2, d: 7, e: 4 } });
  });
});
