import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { streamSafetyNet } from './stream-safety-net.js';

/**
 * A wake-up can be lost (the process that committed died before publishing, or the bus dropped
 * it); the process's one safety net finds the open streams that are behind and fills them in.
 */
describe('lost wake-ups', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  serverForSuite(async (s) => {
    server = s;
    ana = await signIn(server);
    ben = await signIn(server);
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    return [ana, ben];
  });

  it('delivers a message whose wake-up never came to the open stream at the next check, once', async () => {
    const live = collectEvents(ben, '0');
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'first', text: 'first' });
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['first']);

    const { bus } = server.deps;
    const publishStored = bus.publishStored.bind(bus);
    bus.publishStored = async () => {};
    try {
      await ana.trpc.messages.send.mutate({ chatId, clientId: 'lost', text: 'its wake-up was lost' });
    } finally {
      bus.publishStored = publishStored;
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(messagesOf(live).map((m) => m.text)).toEqual(['first']);

    await streamSafetyNet(server.deps).checkNow();
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['first', 'its wake-up was lost']);
    // A stream that is not behind is left alone: a second check delivers nothing again.
    await streamSafetyNet(server.deps).checkNow();
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'next', text: 'next' });
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['first', 'its wake-up was lost', 'next']);
    const ids = live.events.filter((e) => e.id !== null).map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    live.stop();
  });

  it("delivers a group message whose chat stream's wake-up never came, once", async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Lost wake-ups', memberIds: [ben.user.id] });
    const live = collectEvents(ben);
    await live.started;
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'g-first', text: 'group first' });
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['group first']);

    const { bus } = server.deps;
    const publishStored = bus.publishStored.bind(bus);
    bus.publishStored = async () => {};
    try {
      await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'g-lost', text: 'group wake-up lost' });
    } finally {
      bus.publishStored = publishStored;
    }
    await streamSafetyNet(server.deps).checkNow();
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['group first', 'group wake-up lost']);
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'g-next', text: 'group next' });
    await expect.poll(() => messagesOf(live).map((m) => m.text)).toEqual(['group first', 'group wake-up lost', 'group next']);
    const ids = live.events.filter((e) => e.id !== null).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    live.stop();
  });
});
