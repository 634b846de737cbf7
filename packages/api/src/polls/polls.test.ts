import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, people } from '../groups/testing/group-fixture.js';

type PollEvent = { type: 'poll.updated'; pollId: string; results: { totalVoters: number; options: { text: string; votes: number }[] } };

describe('polls', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, eve: SignedInUser;
  const voters: SignedInUser[] = [];

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, eve] = await people(server, ['Ana', 'Ben', 'Eve']);
    for (let i = 0; i < 50; i += 10) voters.push(...(await people(server, Array.from({ length: 10 }, (_, j) => `Voter ${i + j}`))));
    return [ana, ben, eve, ...voters];
  });

  const counts = (results: { options: { text: string; votes: number }[] }) => Object.fromEntries(results.options.map((o) => [o.text, o.votes]));

  it('counts 50 concurrent voters exactly, moves every changed vote, and streams results live', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Big vote', memberIds: voters.map((v) => v.user.id) });
    const created = await ana.trpc.polls.create.mutate({ chatId: chat.id, question: 'Where to?', options: ['Beach', 'Hills', 'City'], multipleAnswers: false });
    expect(created.message).toMatchObject({ kind: 'poll', text: 'Where to?', meta: { pollId: created.pollId, multipleAnswers: false } });
    const [beach, hills, city] = created.results.options.map((o) => o.id) as [string, string, string];
    const anaLive = collectEvents(ana);
    await anaLive.started;

    await Promise.all(voters.map((v, i) => v.trpc.polls.vote.mutate({ pollId: created.pollId, optionIds: [[beach, hills, city][i % 3]!] })));
    const first = await ana.trpc.polls.results.query({ pollId: created.pollId });
    expect(counts(first)).toEqual({ Beach: 17, Hills: 17, City: 16 });
    expect(first.totalVoters).toBe(50);
    expect(first.options[0]!.voterIds.sort()).toEqual(voters.filter((_, i) => i % 3 === 0).map((v) => v.user.id).sort());

    // Everyone changes their mind at once: each vote moves, none is lost or doubled.
    await Promise.all(voters.map((v) => v.trpc.polls.vote.mutate({ pollId: created.pollId, optionIds: [city] })));
    const second = await ana.trpc.polls.results.query({ pollId: created.pollId });
    expect(counts(second)).toEqual({ Beach: 0, Hills: 0, City: 50 });
    expect(second.totalVoters).toBe(50);

    // One poll.updated per vote reached Ana live, in order, the last with the final counts.
    await expect.poll(() => anaLive.events.filter((e) => e.event.type === 'poll.updated').length).toBe(100);
    const updates = anaLive.events.filter((e) => e.event.type === 'poll.updated').map((e) => e.event as PollEvent);
    expect(counts(updates.at(-1)!.results)).toEqual({ Beach: 0, Hills: 0, City: 50 });
    expect(updates.slice(0, 50).map((u) => u.results.totalVoters)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    anaLive.stop();
  });

  it('replaces a vote, takes it back with [], and keeps single- and multiple-answer rules', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Small vote', memberIds: [ben.user.id] });
    const single = await ana.trpc.polls.create.mutate({ chatId: chat.id, question: 'Tea or coffee?', options: ['Tea', 'Coffee'], multipleAnswers: false });
    const [tea, coffee] = single.results.options.map((o) => o.id) as [string, string];

    await ben.trpc.polls.vote.mutate({ pollId: single.pollId, optionIds: [tea] });
    const moved = await ben.trpc.polls.vote.mutate({ pollId: single.pollId, optionIds: [coffee] });
    expect(counts(moved)).toEqual({ Tea: 0, Coffee: 1 });
    expect(await ben.trpc.polls.results.query({ pollId: single.pollId })).toMatchObject({ myOptionIds: [coffee], totalVoters: 1 });
    await expectCode(ben.trpc.polls.vote.mutate({ pollId: single.pollId, optionIds: [tea, coffee] }), 'BAD_REQUEST');
    const retracted = await ben.trpc.polls.vote.mutate({ pollId: single.pollId, optionIds: [] });
    expect(retracted.totalVoters).toBe(0);

    const multi = await ana.trpc.polls.create.mutate({ chatId: chat.id, question: 'Which days?', options: ['Mon', 'Tue', 'Wed'], multipleAnswers: true });
    const [mon, tue, wed] = multi.results.options.map((o) => o.id) as [string, string, string];
    await ben.trpc.polls.vote.mutate({ pollId: multi.pollId, optionIds: [mon, wed, wed] });
    const both = await ana.trpc.polls.vote.mutate({ pollId: multi.pollId, optionIds: [wed, tue] });
    expect(counts(both)).toEqual({ Mon: 1, Tue: 1, Wed: 2 });
    expect(both.totalVoters).toBe(2);
    expect(both.options[2]!.voterIds).toEqual([ben.user.id, ana.user.id]);
    // Options of another poll are not options of this one.
    await expectCode(ben.trpc.polls.vote.mutate({ pollId: multi.pollId, optionIds: [tea] }), 'BAD_REQUEST');
  });

  it('works in 1:1 chats, with results reaching the other side live', async () => {
    const direct = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const benLive = collectEvents(ben);
    await benLive.started;
    const poll = await ana.trpc.polls.create.mutate({ chatId: direct.id, question: 'Film tonight?', options: ['Yes', 'No'], multipleAnswers: false, clientId: 'poll-1' });
    const retried = await ana.trpc.polls.create.mutate({ chatId: direct.id, question: 'Film tonight?', options: ['Yes', 'No'], multipleAnswers: false, clientId: 'poll-1' });
    expect(retried.pollId).toBe(poll.pollId);
    await ana.trpc.polls.vote.mutate({ pollId: poll.pollId, optionIds: [poll.results.options[0]!.id] });

    await expect.poll(() => benLive.events.map((e) => e.event.type)).toEqual(['message.new', 'poll.updated']);
    expect(benLive.events[1]!.event).toMatchObject({ pollId: poll.pollId, chatId: direct.id, results: { totalVoters: 1, options: [{ text: 'Yes', votes: 1, voterIds: [ana.user.id] }, { text: 'No', votes: 0 }] } });
    benLive.stop();
    const history = await ben.trpc.messages.history.query({ chatId: direct.id });
    expect(history.messages.filter((m) => m.kind === 'poll')).toHaveLength(1);
  });

  it('refuses malformed polls, and hides polls from people outside the chat', async () => {
    const direct = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const base = { chatId: direct.id, question: 'Q?', multipleAnswers: false };
    await expectCode(ana.trpc.polls.create.mutate({ ...base, options: ['only one'] }), 'BAD_REQUEST');
    await expectCode(ana.trpc.polls.create.mutate({ ...base, options: Array.from({ length: 13 }, (_, i) => `o${i}`) }), 'BAD_REQUEST');
    await expectCode(ana.trpc.polls.create.mutate({ ...base, options: ['Same', 'same'] }), 'BAD_REQUEST');
    await expectCode(ana.trpc.polls.create.mutate({ ...base, options: ['a', 'b'], pollId: 'x' } as never), 'BAD_REQUEST');

    const poll = await ana.trpc.polls.create.mutate({ ...base, options: ['a', 'b'] });
    await expectCode(eve.trpc.polls.results.query({ pollId: poll.pollId }), 'NOT_FOUND');
    await expectCode(eve.trpc.polls.vote.mutate({ pollId: poll.pollId, optionIds: [] }), 'NOT_FOUND');
    await expectCode(eve.trpc.polls.results.query({ pollId: 'no-such-poll' }), 'NOT_FOUND');
    // A poll deleted for everyone takes no more votes.
    await ana.trpc.messages.delete.mutate({ messageId: poll.message.id, forEveryone: true });
    await expectCode(ben.trpc.polls.vote.mutate({ pollId: poll.pollId, optionIds: [] }), 'NOT_FOUND');
  });
});
