import { personForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { createTestClient } from '@confab/testing/test-client';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('bad input', () => {
  let server: TestServer, ana: SignedInUser;
  personForSuite((t) => ({ server, ana } = t));

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ana.tokens.accessToken}`, ...headers }, body });

  it('gets a clear error code for each kind of bad input, and the server goes on serving', async () => {
    const anonymous = createTestClient(server.url);
    await expect(anonymous.trpc.auth.requestCode.mutate({ phone: 'not a phone' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(anonymous.trpc.auth.requestCode.mutate({ phone: '+1 555' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await anonymous.close();

    const chat = await ana.trpc.chats.list.query();
    expect(chat.chats).toEqual([]);
    await expect(ana.trpc.messages.history.query({ chatId: 'no-such-chat', limit: -1 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.messages.history.query({ chatId: 'no-such-chat' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ana.trpc.chats.openDirect.mutate({ userId: 'nobody' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

    const notJson = await post('chats.openDirect', '{"userId": oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });

    const huge = await post('chats.openDirect', JSON.stringify({ userId: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('refuses fields a client may not set (inputs are strict)', async () => {
    const ben = await signIn(server);
    const { id: chatId } = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const forged = { chatId, clientId: 'forged', text: 'hi', senderId: ben.user.id, seq: 99, createdAt: '2000-01-01T00:00:00Z' };
    await expect(ana.trpc.messages.send.mutate(forged as never)).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    const { messages } = await ben.trpc.messages.history.query({ chatId });
    expect(messages).toHaveLength(0);
    await ben.close();
  });

  it('answers unknown procedures with NOT_FOUND and internal failures without details', async () => {
    const res = await post('chats.doesNotExist', '{}');
    expect(res.status).toBe(404);
  });
});
