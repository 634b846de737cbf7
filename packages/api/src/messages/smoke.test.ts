import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { signIn } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('smoke', () => {
  let server: TestServer;
  serverForSuite(async (s) => {
    server = s;
    return [];
  });

  it('two users exchange a message live', async () => {
    const ana = await signIn(server);
    const ben = await signIn(server);
    const chat = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const received: unknown[] = [];
    const sub = ben.trpc.sync.events.subscribe({}, { onData: (d) => received.push(d) });
    await new Promise((r) => setTimeout(r, 300));
    const sent = await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'c1', text: 'hello' });
    expect(sent.seq).toBe(1);
    await expect.poll(() => received.length).toBe(1);
    sub.unsubscribe();
    await ana.close();
    await ben.close();
  });
});
