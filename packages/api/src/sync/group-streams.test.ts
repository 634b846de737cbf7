import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '@confab/api';
import { collectEvents, messagesOf, type EventCollector } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { peopleForSuite } from '../groups/testing/group-fixture.js';

type Change = { id: string; event: SyncEvent };

/** Every stored event after `since`, paged through sync.changes as a device away long would. */
async function changesAfter(user: SignedInUser, since: string, limit = 7): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const page = await user.trpc.sync.changes.query({ since, limit });
    all.push(...(page.events as Change[]));
    since = page.nextSince;
    if (!page.hasMore) return all;
  }
}

const head = async (user: SignedInUser) => (await user.trpc.sync.changes.query({ since: '999999999999999', limit: 1 })).nextSince;
const textsOf = (changes: readonly Change[], chatId: string) =>
  changes.flatMap((c) => (c.event.type === 'message.new' && c.event.message.chatId === chatId ? [c.event.message.text ?? c.event.message.kind] : []));
const trackedOf = (live: EventCollector) => live.events.filter((e) => e.id !== null);

/**
 * A group's events are stored once, in the chat's stream; each member's stream reads it merged
 * with their own events, inside their membership windows. What members see must be exactly what
 * they saw when every member's stream had its own copy: cut off at removal, nothing from before
 * joining, redactions exact, each event once and in order, resumable from any id.
 */
describe('group chat streams', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, dan: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy', 'Dan'], (s, users) => ([server, ana, ben, cy, dan] = [s, ...users]));

  it('stores a group message once, however many members it has', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Once', memberIds: [ben.user.id, cy.user.id, dan.user.id] });
    const count = async (table: 'events' | 'chatEvents') => Number((await server.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const [events, chatEvents] = [await count('events'), await count('chatEvents')];
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'once', text: 'stored once' });
    expect(await count('chatEvents')).toBe(chatEvents + 1);
    expect(await count('events')).toBe(events);
    for (const member of [ben, cy, dan]) expect(textsOf(await changesAfter(member, '0'), chat.id)).toContain('stored once');
  });

  it('cuts a removed member off at the removal, live and on resume across it', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Cut', memberIds: [ben.user.id, cy.user.id] });
    const chatId = chat.id;
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'one', text: 'one' });
    const beforeTwo = await head(ben);
    const benLive = collectEvents(ben, beforeTwo);
    await benLive.started;
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'two', text: 'two' });
    await ana.trpc.groups.removeMember.mutate({ chatId, userId: ben.user.id });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'three', text: 'three, after the removal' });
    await ana.trpc.messages.react.mutate({ messageId: (await cy.trpc.messages.history.query({ chatId })).messages.at(-1)!.id, emoji: '👍' });
    await ana.trpc.groups.update.mutate({ chatId, name: 'Cut (new)' });
    const cyAll = await changesAfter(cy, '0');
    expect(textsOf(cyAll, chatId)).toEqual(['Ana created the group "Cut"', 'one', 'two', 'Ana removed Ben', 'three, after the removal', 'Ana changed the group name to "Cut (new)"']);

    // Live: the removal notice is the last message Ben gets; then only his own events.
    await expect.poll(() => benLive.events.at(-1)?.event.type).toBe('chat.updated');
    const expectedBen = ['two', 'Ana removed Ben'];
    expect(messagesOf(benLive).map((m) => m.text)).toEqual(expectedBen);
    expect(benLive.events.some((e) => ['reaction', 'group.updated'].includes(e.event.type))).toBe(false);

    // Resuming from before the removal (with sync.changes and with sync.events) gives the same.
    const resumedChanges = await changesAfter(ben, beforeTwo, 1);
    expect(resumedChanges.map((c) => c.event.type)).toEqual(trackedOf(benLive).map((e) => e.event.type));
    expect(resumedChanges.map((c) => c.id)).toEqual(trackedOf(benLive).map((e) => e.id));
    const resumed = collectEvents(ben, beforeTwo);
    await expect.poll(() => resumed.events.length).toBe(resumedChanges.length);
    expect(resumed.events.map((e) => e.id)).toEqual(resumedChanges.map((c) => c.id));
    // Nothing of the chat after the removal, in any form.
    const benAll = await changesAfter(ben, '0');
    expect(textsOf(benAll, chatId)).toEqual(['Ana created the group "Cut"', 'one', 'two', 'Ana removed Ben']);
    expect(JSON.stringify(benAll)).not.toContain('three, after the removal');
    expect(JSON.stringify(benAll)).not.toContain('Cut (new)');
    benLive.stop();
    resumed.stop();
  });

  it('shows a member who left and came back only their windows, and a newcomer nothing from before', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Windows', memberIds: [ben.user.id] });
    const chatId = chat.id;
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'a', text: 'first window' });
    await ana.trpc.groups.removeMember.mutate({ chatId, userId: ben.user.id });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'b', text: 'while Ben is out' });
    await ana.trpc.groups.addMembers.mutate({ chatId, userIds: [ben.user.id, dan.user.id] });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'c', text: 'second window' });
    const benLive = collectEvents(ben, '0');
    await ben.trpc.groups.leave.mutate({ chatId });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'd', text: 'after Ben left' });

    const benTexts = textsOf(await changesAfter(ben, '0'), chatId);
    expect(benTexts).toContain('first window');
    expect(benTexts).toContain('second window');
    expect(benTexts).not.toContain('while Ben is out');
    expect(benTexts).not.toContain('after Ben left');
    const danTexts = textsOf(await changesAfter(dan, '0'), chatId);
    expect(danTexts).not.toContain('first window');
    expect(danTexts).not.toContain('while Ben is out');
    expect(danTexts).toContain('second window');
    expect(danTexts).toContain('after Ben left');
    // The live stream from the start agrees with the stored one, event for event.
    await expect.poll(async () => trackedOf(benLive).map((e) => e.id)).toEqual((await changesAfter(ben, '0')).map((c) => c.id));
    benLive.stop();
  });

  it('redacts a message deleted for everyone for a member catching up later; a delete for me stays mine', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Redact', memberIds: [ben.user.id, cy.user.id] });
    const chatId = chat.id;
    const cyBefore = await head(cy);
    const secret = await ana.trpc.messages.send.mutate({ chatId, clientId: 'secret', text: 'a secret nobody keeps' });
    await ana.trpc.messages.delete.mutate({ messageId: secret.id, forEveryone: true });
    const mine = await ana.trpc.messages.send.mutate({ chatId, clientId: 'mine', text: 'Ben hides this' });
    await ben.trpc.messages.delete.mutate({ messageId: mine.id, forEveryone: false });

    const cyLater = await changesAfter(cy, cyBefore);
    expect(JSON.stringify(cyLater)).not.toContain('a secret nobody keeps');
    expect(cyLater.some((c) => c.event.type === 'message.deleted' && c.event.messageId === secret.id && c.event.forEveryone)).toBe(true);
    // Only Ben's stream has his delete-for-me, after the message it hides.
    expect(cyLater.some((c) => c.event.type === 'message.deleted' && c.event.messageId === mine.id)).toBe(false);
    expect(textsOf(cyLater, chatId)).toContain('Ben hides this');
    const benTypes = (await changesAfter(ben, '0', 1000)).flatMap((c) =>
      (c.event.type === 'message.new' && c.event.message.id === mine.id) || (c.event.type === 'message.deleted' && c.event.messageId === mine.id) ? [c.event.type] : [],
    );
    expect(benTypes).toEqual(['message.new', 'message.deleted']);
  });

  it('resumes from any id with exactly the missed events once, in order, across personal and group streams', async () => {
    const { chat: one } = await ana.trpc.groups.create.mutate({ name: 'One', memberIds: [cy.user.id] });
    const { chat: two } = await ben.trpc.groups.create.mutate({ name: 'Two', memberIds: [cy.user.id] });
    const direct = await ana.trpc.chats.openDirect.mutate({ userId: cy.user.id });
    const start = await head(cy);
    for (let i = 0; i < 6; i++) {
      await ana.trpc.messages.send.mutate({ chatId: one.id, clientId: `one-${i}`, text: `one ${i}` });
      await ben.trpc.messages.send.mutate({ chatId: two.id, clientId: `two-${i}`, text: `two ${i}` });
      await ana.trpc.messages.send.mutate({ chatId: direct.id, clientId: `dm-${i}`, text: `dm ${i}` });
    }
    const all = await changesAfter(cy, start, 1000);
    const texts = all.flatMap((c) => (c.event.type === 'message.new' ? [c.event.message.text] : []));
    // The order they were stored in, across the three streams.
    expect(texts).toEqual(Array.from({ length: 6 }, (_, i) => [`one ${i}`, `two ${i}`, `dm ${i}`]).flat());
    // From every id in between: the rest, exactly (as small pages, and as a subscription).
    for (let k = 0; k < all.length; k += 4) {
      const rest = await changesAfter(cy, all[k]!.id, 2);
      expect(rest.map((c) => c.id)).toEqual(all.slice(k + 1).map((c) => c.id));
    }
    const resumed = collectEvents(cy, all[5]!.id);
    await expect.poll(() => resumed.events.length).toBe(all.length - 6);
    expect(resumed.events.map((e) => e.id)).toEqual(all.slice(6).map((c) => c.id));
    resumed.stop();
  });

  it('delivers two groups sending at once, and messages committed while the backlog is read, each exactly once', async () => {
    const { chat: one } = await ana.trpc.groups.create.mutate({ name: 'Busy one', memberIds: [ben.user.id, dan.user.id] });
    const { chat: two } = await cy.trpc.groups.create.mutate({ name: 'Busy two', memberIds: [ben.user.id, dan.user.id] });
    const start = await head(ben);
    const live = collectEvents(ben, start);
    await live.started;
    const sends = Array.from({ length: 20 }, (_, i) => [
      ana.trpc.messages.send.mutate({ chatId: one.id, clientId: `x-${i}`, text: `one ${i}` }),
      cy.trpc.messages.send.mutate({ chatId: two.id, clientId: `y-${i}`, text: `two ${i}` }),
    ]).flat();
    // A second subscription opens while they are being committed: it reads a backlog that grows.
    const during = collectEvents(dan, '0');
    await Promise.all(sends);
    const benExpected = await changesAfter(ben, start, 1000);
    const danExpected = await changesAfter(dan, '0', 1000);
    await expect.poll(() => trackedOf(live).length).toBe(benExpected.length);
    await expect.poll(() => trackedOf(during).length).toBe(danExpected.length);
    for (const [collector, expected] of [[live, benExpected], [during, danExpected]] as const) {
      const ids = trackedOf(collector).map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const texts = messagesOf(collector).map((m) => m.text ?? m.kind);
      expect([...texts].sort()).toEqual(expected.flatMap((c) => (c.event.type === 'message.new' ? [c.event.message.text ?? c.event.message.kind] : [])).sort());
      // Each chat's messages in the chat's order.
      for (const chatId of [one.id, two.id]) {
        const seqs = messagesOf(collector).filter((m) => m.chatId === chatId).map((m) => m.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    }
    expect(textsOf(benExpected, one.id).filter((t) => t.startsWith('one'))).toHaveLength(20);
    live.stop();
    during.stop();
  });
});
