import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { disposeAll, makeCore, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

/**
 * Ana uses the desktop app; Ben (the groups' owner) and Cy use the API. Ana's app is closed
 * while Ben removes her from one group and deletes another; it learns both on the next sync.
 */
describe('desktop core: group chats', () => {
  const host = new RestartableServer();
  let ana: TestCore, anaId: string, ben: SignedInUser, cy: SignedInUser, climbing: string, books: string;

  const chat = async (chatId: string) => (await ana.core.chats.list({ includeHidden: true })).find((c) => c.id === chatId);
  const texts = async (chatId: string) => (await ana.core.messages.read(chatId)).messages.filter((m) => m.kind === 'text').map((m) => m.text);
  /** What the page hears (the core forwards each server event it applied). */
  const screenEvents = () => ana.events;

  async function reopenAna(): Promise<void> {
    ana = makeCore(host.url, { dataDir: ana.dataDir, secrets: ana.secrets });
    await ana.core.start();
    await waitForState(ana.core, 'online');
  }

  beforeAll(async () => {
    await host.start();
    const online = await onlineCore(host);
    [ana, anaId] = [online, online.user.id];
    [ben, cy] = await Promise.all([signIn(host.server), signIn(host.server)]);
    climbing = (await ben.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [anaId, cy.user.id] })).chat.id;
    books = (await ben.trpc.groups.create.mutate({ name: 'Book club', memberIds: [anaId, cy.user.id] })).chat.id;
  }, 120_000);

  afterAll(() => disposeAll(host, ana, ben, cy));

  it('caches groups and their messages, and finds them in search with the group name', async () => {
    await ben.trpc.messages.send.mutate({ chatId: climbing, clientId: 'c1', text: 'Bouldering on Saturday at the quarry' });
    await cy.trpc.messages.send.mutate({ chatId: books, clientId: 'b1', text: 'Chapter nine was wonderful' });
    await waitUntil(async () => (await texts(climbing)).length === 1 && (await texts(books)).length === 1, 'both group messages are cached');
    expect(await chat(climbing)).toMatchObject({ kind: 'group', title: 'Climbing', readOnly: false, unreadCount: 1 });
    const { hits } = await ana.core.search.search('quarry');
    expect(hits.map((h) => [h.message.text, h.chatTitle])).toEqual([['Bouldering on Saturday at the quarry', 'Climbing']]);
  });

  it('renames the group in the cache and passes group, role and poll changes on to the screens live', async () => {
    await ben.trpc.groups.update.mutate({ chatId: climbing, name: 'Climbing crew' });
    await waitUntil(async () => (await chat(climbing))?.title === 'Climbing crew', 'the new name is cached');
    await ben.trpc.groups.promote.mutate({ chatId: climbing, userId: cy.user.id });
    await ben.trpc.polls.create.mutate({ chatId: climbing, question: 'Which wall?', options: ['North', 'South'] });
    const poll = (await cy.trpc.messages.history.query({ chatId: climbing })).messages.find((m) => m.kind === 'poll')!;
    const { pollId, options } = poll.meta as { pollId: string; options: { id: string }[] };
    await cy.trpc.polls.vote.mutate({ pollId, optionIds: [options[1]!.id] });
    await waitUntil(() => screenEvents().some((e) => e.type === 'poll.updated'), 'the poll result reaches the screens');
    // The results are kept on the poll's message in the cache, for showing them offline.
    await waitUntil(async () => {
      const cachedPoll = (await ana.core.messages.read(climbing)).messages.find((m) => m.kind === 'poll');
      return (cachedPoll?.meta?.results as { totalVoters?: number } | undefined)?.totalVoters === 1;
    }, 'the cached poll has its results');
    expect(screenEvents()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'group.updated', group: expect.objectContaining({ id: climbing, name: 'Climbing crew' }) }),
        { type: 'member.updated', chatId: climbing, userId: cy.user.id, role: 'admin' },
        expect.objectContaining({ type: 'poll.updated', pollId, results: expect.objectContaining({ totalVoters: 1 }) }),
      ]),
    );
  });

  it('sends @mentions from the desktop, and a mention of Ana notifies her even with the group muted', async () => {
    await ana.core.outbox.send(climbing, '@Ben bring the rope', { mentions: [ben.user.id] });
    await waitUntil(async () => (await ben.trpc.messages.history.query({ chatId: climbing })).messages.some((m) => m.text === '@Ben bring the rope'), 'Ben has the message');
    const stored = (await ben.trpc.messages.history.query({ chatId: climbing })).messages.find((m) => m.text === '@Ben bring the rope')!;
    expect(stored.meta).toMatchObject({ mentions: [ben.user.id] });

    const anaPhone = await signIn(host.server, (await ana.core.session.me())!.phone!);
    await anaPhone.trpc.chats.mute.mutate({ chatId: climbing, until: '2099-01-01T00:00:00.000Z' });
    await waitUntil(async () => (await chat(climbing))?.muted === true, 'the mute reaches the desktop');
    const notified = () => ana.events.flatMap((e) => (e.type === 'os.notification' ? [e.notification.body] : []));
    await ben.trpc.messages.send.mutate({ chatId: climbing, clientId: 'quiet', text: 'Nobody in particular' });
    await ben.trpc.messages.send.mutate({ chatId: climbing, clientId: 'loud', text: '@Ana are you coming?', mentions: [anaId] });
    await waitUntil(async () => (await texts(climbing)).includes('@Ana are you coming?'), 'both messages are cached');
    await waitUntil(() => notified().some((body) => body.includes('are you coming')), 'the mention notifies');
    expect(notified().some((body) => body.includes('Nobody in particular'))).toBe(false);
    await anaPhone.close();
  });

  it('marks a group read-only after the next sync when Ana was removed while her app was closed, and keeps what came after from her', async () => {
    await ana.core.close();
    await ben.trpc.groups.removeMember.mutate({ chatId: climbing, userId: anaId });
    await ben.trpc.messages.send.mutate({ chatId: climbing, clientId: 'c2', text: 'Only for those still here' });
    await ben.trpc.groups.delete.mutate({ chatId: books });

    await reopenAna();
    await waitUntil(async () => (await chat(climbing))?.readOnly === true && (await chat(books))?.readOnly === true, 'both groups are read-only');
    const kept = await texts(climbing);
    expect(kept).toContain('Bouldering on Saturday at the quarry');
    expect(kept).not.toContain('Only for those still here');
    expect(() => ana.core.outbox.send(climbing, 'Can I still write?')).toThrow(/no longer send/);
    // A deleted group keeps its history, ending with the notice.
    const history = (await ana.core.messages.read(books)).messages;
    expect(history.map((m) => m.text)).toContain('Chapter nine was wonderful');
    expect(history.at(-1)).toMatchObject({ kind: 'system', text: expect.stringMatching(/deleted the group/) });
    expect(() => ana.core.outbox.send(books, 'Hello?')).toThrow(/no longer send/);
  });

  it('drops a chat cleared on another device from this cache, and only for Ana', async () => {
    const direct = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await ben.trpc.messages.send.mutate({ chatId: direct, clientId: 'd1', text: 'Old news' });
    await waitUntil(async () => (await texts(direct)).includes('Old news'), 'the message is cached');
    // Ana clears the chat from her phone (another session): the desktop follows.
    const phone = await signIn(host.server, (await ana.core.session.me())!.phone!);
    await phone.trpc.chats.clear.mutate({ chatId: direct });
    await waitUntil(async () => (await texts(direct)).length === 0, 'the cleared message leaves the cache');
    expect((await ana.core.search.search('news')).hits).toEqual([]);
    expect((await ben.trpc.messages.history.query({ chatId: direct })).messages.map((m) => m.text)).toEqual(['Old news']);
    await phone.close();
  });
});
