import type { CallView } from '@confab/api';
import { describe, expect, it } from 'vitest';
import type { NotificationSettings } from '../types.js';
import { missedByMe, missedNotification, ringingNotification, type CallWords } from './call-alerts.js';

const now = new Date('2026-03-01T12:00:00Z');
const settings: NotificationSettings = { preview: 'full', mutedAllUntil: null, sound: true, messages: true, groups: true, deviceRemoved: false };
const call = (over: Partial<CallView> = {}): CallView => ({
  id: 'call-1',
  chatId: 'chat-1',
  callerId: 'ana',
  video: false,
  group: false,
  state: 'ended',
  endReason: 'missed',
  startedAt: now.toISOString(),
  answeredAt: null,
  endedAt: now.toISOString(),
  participants: [
    { userId: 'ana', state: 'left' },
    { userId: 'me', state: 'missed' },
  ],
  ...over,
});
const direct: CallWords = { callerName: 'Ana', chat: { kind: 'direct', title: 'Ana', mutedUntil: null } };
const group: CallWords = { callerName: 'Ana', chat: { kind: 'group', title: 'Climbing', mutedUntil: null } };
const away = { now, focus: { openChatId: null, windowFocused: false } };

describe('what a call shows', () => {
  it('a ringing call names the caller and says voice or video; a group call names the group', () => {
    expect(ringingNotification(call({ video: true }), direct, settings)).toEqual({ callId: 'call-1', chatId: 'chat-1', video: true, title: 'Ana is calling (video)', body: 'Incoming video call', silent: false });
    expect(ringingNotification(call({ group: true }), group, settings)).toMatchObject({ title: 'Ana is calling (voice)', body: 'Climbing' });
  });

  it('a ringing call shows through a muted chat and "mute all", silent with Sound off, nameless with previews off, never once this device was removed', () => {
    const muted: CallWords = { ...direct, chat: { ...direct.chat!, mutedUntil: '2026-03-01T13:00:00Z' } };
    expect(ringingNotification(call(), muted, { ...settings, mutedAllUntil: '2026-03-01T13:00:00Z' })).toMatchObject({ title: 'Ana is calling (voice)' });
    expect(ringingNotification(call(), direct, { ...settings, sound: false })).toMatchObject({ silent: true });
    expect(ringingNotification(call(), direct, { ...settings, preview: 'none' })).toMatchObject({ title: 'Confab', body: 'Incoming voice call' });
    expect(ringingNotification(call(), direct, { ...settings, deviceRemoved: true })).toBeNull();
  });

  it('a missed call: "Missed voice call from Ana", "Missed group video call from Ana"', () => {
    expect(missedNotification(call(), direct, settings, away)).toMatchObject({ title: 'Missed voice call from Ana', body: '' });
    expect(missedNotification(call({ group: true, video: true }), group, settings, away)).toMatchObject({ title: 'Missed group video call from Ana', body: 'Climbing' });
    expect(missedNotification(call(), direct, { ...settings, preview: 'none' }, away)).toMatchObject({ title: 'Confab', body: 'Missed voice call' });
  });

  it('a missed call follows the switches: a muted chat, "mute all", one-to-one or group off, the chat on screen', () => {
    expect(missedNotification(call(), { ...direct, chat: { ...direct.chat!, mutedUntil: '2026-03-01T13:00:00Z' } }, settings, away)).toBeNull();
    expect(missedNotification(call(), direct, { ...settings, mutedAllUntil: '2026-03-01T13:00:00Z' }, away)).toBeNull();
    expect(missedNotification(call(), direct, { ...settings, messages: false }, away)).toBeNull();
    expect(missedNotification(call({ group: true }), group, { ...settings, groups: false }, away)).toBeNull();
    expect(missedNotification(call({ group: true }), group, { ...settings, messages: false }, away)).not.toBeNull();
    expect(missedNotification(call(), direct, settings, { now, focus: { openChatId: 'chat-1', windowFocused: true } })).toBeNull();
    expect(missedNotification(call(), direct, { ...settings, deviceRemoved: true }, away)).toBeNull();
  });

  it('missed by me: rung until it stopped, or busy on another call; never my own call, never one I declined', () => {
    expect(missedByMe(call(), 'me')).toBe(true);
    expect(missedByMe(call(), 'ana')).toBe(false);
    expect(missedByMe(call({ endReason: 'busy', participants: [{ userId: 'ana', state: 'left' }, { userId: 'me', state: 'busy' }] }), 'me')).toBe(true);
    expect(missedByMe(call({ endReason: 'declined', participants: [{ userId: 'ana', state: 'left' }, { userId: 'me', state: 'declined' }] }), 'me')).toBe(false);
  });
});
