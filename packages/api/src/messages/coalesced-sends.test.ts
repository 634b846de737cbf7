import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { channels } from '../ports/event-bus.js';
import { parseCursor } from '../sync/cursor.js';
import type { BusMessage } from '../sync/event-types.js';

/**
 * Sends that reach a busy chat together are stored in one transaction (lib/transact.ts,
 * transactCoalesced). These tests fire many sends at one group at once and check that every
 * guarantee of a single send still holds for each of them.
 */
describe('sends to a busy chat, stored together', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, eve: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    const person = (name: string) => signIn(server, undefined, name, { everythingOverWebSocket: true });
    [ana, ben, cy, eve] = await Promise.all([person('ana'), person('ben'), person('cy'), person('eve')]);
    return [ana, ben, cy, eve];
  });

  /** Wake-ups on a group's bus channel: events appended in one transaction travel in one. */
  async function watchWakeUps(chatId: string) {
    const wakeUps: number[] = [];
    const stop = await server.deps.bus.subscribe(channels.chat(chatId), (m) => {
      const message = m as BusMessage;
      if (message.kind === 'chat') wakeUps.push(message.entries.filter((e) => e.event.type === 'message.new').length);
    });
    return { wakeUps, stop };
  }

  it('stores concurrent sends in few transactions; each keeps its own outcome, seqs and streams stay gapless, a clientId stores once', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Busy', memberIds: [ben.user.id, cy.user.id] });
    const cyLive = collectEvents(cy, '0');
    await cyLive.started;
    const cyBus = await watchWakeUps(chat.id);

    const senders = [ana, ben, cy];
    const good = Array.from({ length: 60 }, (_, i) => ({ from: senders[i % 3]!, clientId: `m${i}` }));
    // Mixed in: a mention of a non-member (refused inside the transaction) and retried clientIds.
    const attempts = [
      ...good.map(({ from, clientId }) => from.trpc.messages.send.mutate({ chatId: chat.id, clientId, text: clientId })),
      ...[10, 20, 30].map((i) => ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: `bad${i}`, text: '@eve', mentions: [eve.user.id] })),
      ...[3, 4, 5].map((i) => good[i]!.from.trpc.messages.send.mutate({ chatId: chat.id, clientId: `m${i}`, text: `m${i}` })),
    ];
    const results = await Promise.allSettled(attempts);

    const sent = results.slice(0, 60);
    expect(sent.every((r) => r.status === 'fulfilled')).toBe(true);
    const refused = results.slice(60, 63);
    expect(refused.map((r) => r.status === 'rejected' && (r.reason as { data?: { code?: string } }).data?.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']);
    const retried = results.slice(63).map((r) => (r.status === 'fulfilled' ? r.value.id : null));
    expect(retried).toEqual([3, 4, 5].map((i) => (sent[i] as PromiseFulfilledResult<{ id: string }>).value.id));

    const stored = (await ana.trpc.messages.history.query({ chatId: chat.id, limit: 200 })).messages.filter((m) => m.kind !== 'system');
    expect(stored).toHaveLength(60);
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(60);
    const seqs = stored.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => seqs[0]! + i));
    // The point of it: not one transaction (and one pass over every member's stream) per message.
    await cyBus.stop();
    expect(cyBus.wakeUps.reduce((a, b) => a + b, 0)).toBe(60);
    expect(cyBus.wakeUps.filter((n) => n > 0).length).toBeLessThan(30);

    // Every member's stream: each message once, in seq order, under consecutive event ids (each
    // id one step past the one before in exactly one of its streams: sync/cursor.ts).
    await expect.poll(() => messagesOf(cyLive).filter((m) => m.kind !== 'system').length, { timeout: 20_000 }).toBe(60);
    expect(messagesOf(cyLive).filter((m) => m.kind !== 'system').map((m) => m.seq)).toEqual(seqs);
    const ids = cyLive.events.filter((e) => e.id !== null).map((e) => parseCursor(e.id!));
    const steps = ids.slice(1).map((id, i) => {
      const before = ids[i]!;
      const moved = [...id.chats].filter(([num, seq]) => seq !== (before.chats.get(num) ?? 0)).map(([num, seq]) => seq - (before.chats.get(num) ?? 0));
      return [id.user - before.user, ...moved].filter((d) => d !== 0);
    });
    expect(steps.every((s) => s.length === 1 && s[0] === 1)).toBe(true);
    cyLive.stop();
  });

  it('re-checks the group send setting under the lock for every send of a batch', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Admins only soon', memberIds: [ben.user.id] });
    const attempts = Array.from({ length: 40 }, (_, i) => ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: `b${i}`, text: `b${i}` }));
    // Lands somewhere among Ben's queued sends: those after it must be refused.
    const restrict = new Promise((resolve) => setTimeout(resolve, 5)).then(() => ana.trpc.groups.setPermissions.mutate({ chatId: chat.id, send: 'admins', editInfo: 'all', addMembers: 'all' }));
    const results = await Promise.allSettled(attempts);
    await restrict;

    const codes = new Set(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { data?: { code?: string } }).data?.code] : [])));
    expect([...codes].every((code) => code === 'FORBIDDEN')).toBe(true);
    const { messages } = await ana.trpc.messages.history.query({ chatId: chat.id, limit: 200 });
    const notice = messages.find((m) => m.kind === 'system' && m.meta?.action === 'permissions_changed');
    expect(notice).toBeDefined();
    const fromBen = messages.filter((m) => m.senderId === ben.user.id);
    expect(fromBen).toHaveLength(results.filter((r) => r.status === 'fulfilled').length);
    expect(fromBen.every((m) => m.seq < notice!.seq)).toBe(true);
    expect(await ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'late', text: 'late' }).catch((e: { data?: { code?: string } }) => e.data?.code)).toBe('FORBIDDEN');
  });
});
