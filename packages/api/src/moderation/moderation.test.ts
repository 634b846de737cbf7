import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';
import { rejectionOf, watchEvents } from '../auth/testing/auth-test-kit.js';

const moderatorPhone = newPhone();

describe('moderation', () => {
  let server: TestServer, mod: SignedInUser, ana: SignedInUser, ben: SignedInUser, chatId: string;
  serverForSuite(
    async (s) => {
      server = s;
      [mod, ana, ben] = await Promise.all([signIn(server, moderatorPhone), signIn(server), signIn(server)]);
      await ana.trpc.me.update.mutate({ name: 'Ana' });
      await ben.trpc.me.update.mutate({ name: 'Ben' });
      chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
      return [mod, ana, ben];
    },
    { env: { MODERATOR_PHONES: moderatorPhone } },
  );

  let sent = 0;
  const report = async (text: string) => {
    const message = await ben.trpc.messages.send.mutate({ chatId, clientId: `reported-${(sent += 1)}`, text });
    const { reportId } = await ana.trpc.users.report.mutate({ userId: ben.user.id, reason: 'Threats', messageIds: [message.id] });
    return { message, reportId };
  };

  it('refuses everyone but moderators with FORBIDDEN; the apps learn who is one', async () => {
    for (const user of [ana, ben]) {
      expect((await rejectionOf(user.trpc.moderation.reports.query({}))).code).toBe('FORBIDDEN');
      expect((await rejectionOf(user.trpc.moderation.resolveReport.mutate({ reportId: 'any', action: 'dismiss' }))).code).toBe('FORBIDDEN');
      expect(await user.trpc.me.capabilities.query()).toEqual({ moderator: false });
    }
    expect(await mod.trpc.me.capabilities.query()).toEqual({ moderator: true });
    const anonymous = createTestClient(server.url);
    expect((await rejectionOf(anonymous.trpc.moderation.reports.query({}))).code).toBe('UNAUTHORIZED');
    await anonymous.close();
  });

  it('shows a report with its evidence as it was when reported, even after the author edits it', async () => {
    const { message, reportId } = await report('I know where you live');
    await ben.trpc.messages.edit.mutate({ messageId: message.id, text: 'just kidding :)' });

    const { reports } = await mod.trpc.moderation.reports.query({});
    const shown = reports.find((r) => r.id === reportId)!;
    expect(shown).toMatchObject({
      status: 'open',
      reason: 'Threats',
      reporter: { id: ana.user.id, name: 'Ana' },
      target: { kind: 'user', user: { id: ben.user.id, name: 'Ben', suspended: false } },
      resolution: null,
    });
    expect(shown.evidence).toEqual([expect.objectContaining({ id: message.id, chatId, senderId: ben.user.id, senderName: 'Ben', kind: 'text', text: 'I know where you live', removed: false })]);

    const dismissed = await mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'dismiss' });
    expect(dismissed).toMatchObject({ status: 'resolved', resolution: 'dismissed', resolvedBy: mod.user.id });
    expect((await mod.trpc.moderation.reports.query({})).reports.map((r) => r.id)).not.toContain(reportId);
    expect((await mod.trpc.moderation.reports.query({ status: 'resolved' })).reports.map((r) => r.id)).toContain(reportId);
    expect((await rejectionOf(mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'dismiss' }))).code).toBe('CONFLICT');
    expect((await rejectionOf(mod.trpc.moderation.resolveReport.mutate({ reportId: 'no-such-report', action: 'dismiss' }))).code).toBe('NOT_FOUND');
  });

  it('removes reported content for everyone: live, in history and through sync', async () => {
    const anaLive = collectEvents(ana);
    await anaLive.started;
    const { message, reportId } = await report('buy followers at spam.example');

    const resolved = await mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'removeContent' });
    expect(resolved).toMatchObject({ resolution: 'contentRemoved', evidence: [expect.objectContaining({ id: message.id, text: 'buy followers at spam.example', removed: true })] });

    await expect.poll(() => anaLive.events.some((e) => e.event.type === 'message.deleted' && (e.event as { messageId: string }).messageId === message.id)).toBe(true);
    anaLive.stop();
    for (const user of [ana, ben]) {
      const history = await user.trpc.messages.history.query({ chatId, limit: 50 });
      expect(history.messages.find((m) => m.id === message.id)).toMatchObject({ text: null, deletedAt: expect.any(String) });
      // A device catching up from the start never receives the text.
      const page = await user.trpc.sync.changes.query({ since: '0', limit: 1000 });
      expect(JSON.stringify(page.events)).not.toContain('spam.example');
    }
  });

  it('suspends a user: sessions and live sockets end at once, sign-in is refused with a clear message', async () => {
    const carl = await signIn(server);
    const carlsPhone = await signIn(server, carl.phone, 'Phone');
    const live = watchEvents(server.url, carlsPhone.tokens.accessToken);
    await expect.poll(() => live.starts).toBe(1);
    const carlsLaptop = collectEvents(carl);
    await carlsLaptop.started;
    const carlChat = (await carl.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    const rude = await carl.trpc.messages.send.mutate({ chatId: carlChat, clientId: 'carl-1', text: 'spam spam spam' });
    const { reportId } = await ana.trpc.users.report.mutate({ userId: carl.user.id, reason: 'Spam', messageIds: [rude.id] });

    const resolved = await mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'suspendUser' });
    expect(resolved).toMatchObject({ resolution: 'userSuspended', target: { kind: 'user', user: { id: carl.user.id, suspended: true } } });

    await expect.poll(() => live.closeCodes).toContain(4001);
    // His open app is told why before its stream ends.
    await expect.poll(() => carlsLaptop.events.map((e) => e.event)).toContainEqual({ type: 'account.suspended', message: expect.stringMatching(/suspended/) });
    carlsLaptop.stop();
    expect((await rejectionOf(carl.trpc.me.get.query())).code).toBe('UNAUTHORIZED');
    expect((await rejectionOf(carlsPhone.trpc.messages.send.mutate({ chatId: carlChat, clientId: 'carl-2', text: 'again' }))).code).toBe('UNAUTHORIZED');
    const anonymous = createTestClient(server.url);
    expect((await rejectionOf(anonymous.trpc.auth.refresh.mutate({ refreshToken: carl.tokens.refreshToken }))).code).toBe('UNAUTHORIZED');

    await anonymous.trpc.auth.requestCode.mutate({ phone: carl.phone });
    const refused = await rejectionOf(anonymous.trpc.auth.verifyCode.mutate({ phone: carl.phone, code: server.codes.get(carl.phone)!, deviceName: 'New phone' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/suspended/) });

    // Lifting it is a moderator's call; then Carl signs in again and finds his chat.
    expect((await rejectionOf(ana.trpc.moderation.liftSuspension.mutate({ userId: carl.user.id }))).code).toBe('FORBIDDEN');
    expect(await mod.trpc.moderation.liftSuspension.mutate({ userId: carl.user.id })).toEqual({ userId: carl.user.id, suspended: false });
    const back = await signIn(server, carl.phone, 'New phone');
    expect((await back.trpc.chats.list.query()).chats.map((c) => c.id)).toContain(carlChat);
    await back.trpc.messages.send.mutate({ chatId: carlChat, clientId: 'carl-3', text: 'sorry' });
    expect((await mod.trpc.moderation.reports.query({ status: 'resolved' })).reports.find((r) => r.id === reportId)).toMatchObject({ target: { user: { suspended: false } } });
    await back.close();
    await anonymous.close();
    await live.close();
    await Promise.all([carl.close(), carlsPhone.close()]);
  });

  it('suspends only people: a group report can have its content removed, not its target suspended', async () => {
    const group = await ana.trpc.groups.create.mutate({ name: 'Club', memberIds: [ben.user.id] });
    const post = await ben.trpc.messages.send.mutate({ chatId: group.chat.id, clientId: 'g1', text: 'offensive post' });
    const { reportId } = await ana.trpc.groups.report.mutate({ chatId: group.chat.id, reason: 'Hate', messageIds: [post.id] });
    const shown = (await mod.trpc.moderation.reports.query({})).reports.find((r) => r.id === reportId)!;
    expect(shown.target).toEqual({ kind: 'group', chatId: group.chat.id, title: 'Club' });
    expect(shown.evidence.map((m) => m.text)).toEqual(['offensive post']);
    expect((await rejectionOf(mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'suspendUser' }))).code).toBe('BAD_REQUEST');
    expect((await mod.trpc.moderation.resolveReport.mutate({ reportId, action: 'removeContent' })).resolution).toBe('contentRemoved');
  });

  it('refuses malformed input', async () => {
    expect((await rejectionOf(mod.trpc.moderation.resolveReport.mutate({ reportId: 'x', action: 'ban' } as never))).code).toBe('BAD_REQUEST');
    expect((await rejectionOf(mod.trpc.moderation.reports.query({ status: 'all' } as never))).code).toBe('BAD_REQUEST');
  });
});
