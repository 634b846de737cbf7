import { serverForSuite } from '@confab/testing/suite';
import { createHash, randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { upload } from '@confab/testing/media/upload';
import { createTestClient } from '@confab/testing/test-client';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

describe('users: lookup, blocking, reports and account deletion', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser, chatId: string;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cleo] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ana.trpc.me.update.mutate({ name: 'Ana' });
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    return [ana, ben, cleo];
  });

  it('finds which address-book numbers are on Confab, in any format, and only those', async () => {
    const national = parsePhoneNumberFromString(ben.phone)!.formatNational(); // "(201) 555-…"
    const unregistered = newPhone();
    const matches = await ana.trpc.users.lookup.mutate({ phones: [national, cleo.phone, unregistered, 'not a number', ana.phone] });
    expect(matches.map((m) => [m.phone, m.user.id]).sort()).toEqual([[national, ben.user.id], [cleo.phone, cleo.user.id]].sort());
    expect(matches.find((m) => m.user.id === ben.user.id)).toMatchObject({ e164: ben.phone, user: { name: 'Ben', phone: ben.phone } });
    expect(await ana.trpc.users.lookup.mutate({ phones: [] })).toEqual([]);
    await expect(ana.trpc.users.lookup.mutate({ phones: Array.from({ length: 501 }, () => newPhone()) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it('stops blocked users from messaging each other, both ways, until unblocked', async () => {
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'before-block', text: 'hi Ben' });
    await ana.trpc.users.block.mutate({ userId: ben.user.id });
    expect((await ana.trpc.users.blocked.query()).map((b) => b.user.id)).toEqual([ben.user.id]);
    expect(await ben.trpc.users.blocked.query()).toEqual([]);

    await expect(ben.trpc.messages.send.mutate({ chatId, clientId: 'blocked-1', text: 'hello?' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(ana.trpc.messages.send.mutate({ chatId, clientId: 'blocked-2', text: 'hello?' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    await ana.trpc.users.unblock.mutate({ userId: ben.user.id });
    expect(await ana.trpc.users.blocked.query()).toEqual([]);
    expect((await ben.trpc.messages.send.mutate({ chatId, clientId: 'after-unblock', text: 'back again' })).text).toBe('back again');
    await expect(ana.trpc.users.block.mutate({ userId: ana.user.id })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.users.block.mutate({ userId: 'nobody' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('files reports with only messages the reporter can see', async () => {
    const offending = await ben.trpc.messages.send.mutate({ chatId, clientId: 'rude', text: 'something rude' });
    const cleoChat = (await cleo.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const elsewhere = await cleo.trpc.messages.send.mutate({ chatId: cleoChat, clientId: 'private', text: 'not for Ana' });

    const { reportId } = await ana.trpc.users.report.mutate({ userId: ben.user.id, reason: 'Insults', messageIds: [offending.id] });
    const stored = await server.deps.db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ reporterId: ana.user.id, targetUserId: ben.user.id, reason: 'Insults', status: 'open', messageIds: [offending.id] });

    await expect(ana.trpc.users.report.mutate({ userId: ben.user.id, reason: 'Insults', messageIds: [elsewhere.id] })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ana.trpc.users.report.mutate({ userId: ben.user.id, reason: '' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.users.report.mutate({ userId: 'nobody', reason: 'spam' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('deletes an account: others keep the messages, shown from "Deleted account"; the token stops working', async () => {
    const dora = await signIn(server);
    await dora.trpc.me.update.mutate({ name: 'Dora', about: 'secret about' });
    const doraChat = (await dora.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    await dora.trpc.messages.send.mutate({ chatId: doraChat, clientId: 'd1', text: 'first from Dora' });
    await dora.trpc.messages.send.mutate({ chatId: doraChat, clientId: 'd2', text: 'second from Dora' });
    await ben.trpc.contacts.add.mutate({ userId: dora.user.id });
    await dora.trpc.contacts.add.mutate({ userId: ben.user.id });
    await dora.trpc.users.block.mutate({ userId: cleo.user.id });
    const privateFile = randomBytes(2048);
    const uploaded = await upload(server.url, dora.tokens.accessToken, privateFile, { kind: 'document' });
    const fileSha = createHash('sha256').update(privateFile).digest('hex');
    expect(await server.deps.media.exists(fileSha)).toBe(true);

    // Confirmed by a fresh code: the one she signed in with is used up, a wrong one is refused.
    const signInCode = server.codes.get(dora.phone)!;
    await expect(dora.trpc.me.deleteAccount.mutate({ code: signInCode })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(dora.trpc.me.deleteAccount.mutate({ code: 'abc' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    expect(await dora.trpc.me.requestDeleteCode.mutate()).toMatchObject({ phone: dora.phone });
    const fresh = server.codes.get(dora.phone)!;
    await expect(dora.trpc.me.deleteAccount.mutate({ code: fresh === '000000' ? '111111' : '000000' })).rejects.toMatchObject({ message: 'That code is wrong or has expired', data: { code: 'FORBIDDEN' } });
    expect((await dora.trpc.me.get.query()).name).toBe('Dora');
    expect(await dora.trpc.me.deleteAccount.mutate({ code: fresh })).toEqual({ ok: true });

    const history = await ben.trpc.messages.history.query({ chatId: doraChat, limit: 50 });
    expect(history.messages.map((m) => [m.senderId, m.text])).toEqual([
      [dora.user.id, 'first from Dora'],
      [dora.user.id, 'second from Dora'],
    ]);
    const sender = await ben.trpc.users.get.query({ userId: dora.user.id });
    expect(sender).toEqual({ id: dora.user.id, phone: null, name: 'Deleted account', about: '', avatarMediaId: null, deleted: true });
    expect((await ben.trpc.chats.get.query({ chatId: doraChat })).title).toBe('Deleted account');
    const benEvents = (await ben.trpc.sync.changes.query({ since: '0', limit: 1000 })).events.map((e) => e.event);
    expect(benEvents).toContainEqual({ type: 'user.updated', user: { id: dora.user.id, name: 'Deleted account', about: '', avatarMediaId: null } });
    expect(benEvents).toContainEqual({ type: 'member.left', chatId: doraChat, userId: dora.user.id });

    // Her sessions are over: the access token and the refresh token are refused.
    await expect(dora.trpc.me.get.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const anonymous = createTestClient(server.url);
    await expect(anonymous.trpc.auth.refresh.mutate({ refreshToken: dora.tokens.refreshToken })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await anonymous.close();

    // Personal data is gone: contacts both ways, blocks, unshared uploads, her QR code.
    expect((await ben.trpc.contacts.list.query()).map((c) => c.user.id)).not.toContain(dora.user.id);
    expect(await server.deps.db.selectFrom('blocks').selectAll().where('blockerId', '=', dora.user.id).execute()).toEqual([]);
    expect(await server.deps.media.exists(fileSha)).toBe(false);
    const mediaRes = await fetch(new URL(`/media/${uploaded.body.mediaId}`, server.url), { headers: { authorization: `Bearer ${ben.tokens.accessToken}` } });
    expect(mediaRes.status).toBe(404);
    const row = await server.deps.db.selectFrom('users').selectAll().where('id', '=', dora.user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: null, name: '', about: '' });

    // She can no longer be messaged or added, and her number may register afresh.
    await expect(ben.trpc.chats.openDirect.mutate({ userId: dora.user.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ben.trpc.contacts.add.mutate({ userId: dora.user.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect(await ben.trpc.users.lookup.mutate({ phones: [dora.phone] })).toEqual([]);
    const again = await signIn(server, dora.phone);
    expect(again.user.id).not.toBe(dora.user.id);
    await again.close();
    await dora.close();
  });
});
