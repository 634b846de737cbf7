import sharp from 'sharp';
import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { appRouter } from './root.js';

/** Inputs that name something belonging to a chat, message, poll, story, upload or call. */
const GUARDED_KEYS = ['chatId', 'messageId', 'pollId', 'storyId', 'mediaId', 'callId'];

/** Every procedure of the router whose input takes one of those ids. */
function guardedProcedures(): string[] {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { inputs: unknown[] } }> } })._def.procedures;
  return Object.entries(procedures)
    .filter(([, procedure]) =>
      procedure._def.inputs.some((schema) => {
        try {
          const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
          return Object.keys(json.properties ?? {}).some((key) => GUARDED_KEYS.includes(key));
        } catch {
          return false;
        }
      }),
    )
    .map(([path]) => path)
    .sort();
}

describe('access control over the whole router (SECURITY 12)', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, eve: SignedInUser;
  let ids: { chatId: string; groupId: string; messageId: string; pollId: string; mediaId: string; eveChat: string; eveMedia: string; callId: string; storyId: string };

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, eve] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366ff' } }).png().toBuffer());
    const anaUpload = await upload(server.url, ana.tokens.accessToken, png, { contentType: 'image/png', kind: 'image' });
    const eveUpload = await upload(server.url, eve.tokens.accessToken, png, { contentType: 'image/png', kind: 'image' });
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'photo', kind: 'image', mediaId: anaUpload.body.mediaId as string });
    const group = await ana.trpc.groups.create.mutate({ name: 'Private group', memberIds: [ben.user.id] });
    const poll = await ana.trpc.polls.create.mutate({ chatId: group.chat.id, question: 'Lunch?', options: ['Yes', 'No'], multipleAnswers: false });
    const eveChat = (await eve.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    // Ana's story reaches her contact Ben; Eve, who is not one, is the outsider.
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id });
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    const story = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'For contacts' });
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId });
    ids = { chatId, groupId: group.chat.id, messageId: message.id, pollId: poll.pollId, mediaId: anaUpload.body.mediaId as string, eveChat, eveMedia: eveUpload.body.mediaId as string, callId, storyId: story.id };
    return [ana, ben, eve];
  });

  /** How an outsider (Eve) calls each guarded procedure on Ana and Ben's things. */
  const attempts = (): Record<string, () => Promise<unknown>> => {
    const t = eve.trpc;
    const { chatId, groupId, messageId, pollId, mediaId, eveChat, eveMedia, callId, storyId } = ids;
    return {
      'chats.get': () => t.chats.get.query({ chatId }),
      'chats.markRead': () => t.chats.markRead.mutate({ chatId, seq: 1 }),
      'chats.markDelivered': () => t.chats.markDelivered.mutate({ chatId, seq: 1 }),
      'chats.typing': () => t.chats.typing.mutate({ chatId }),
      'chats.clear': () => t.chats.clear.mutate({ chatId }),
      'chats.hide': () => t.chats.hide.mutate({ chatId, hidden: true }),
      'chats.pin': () => t.chats.pin.mutate({ chatId, pinned: true }),
      'chats.archive': () => t.chats.archive.mutate({ chatId, archived: true }),
      'chats.mute': () => t.chats.mute.mutate({ chatId, until: null }),
      'chats.setTheme': () => t.chats.setTheme.mutate({ chatId, theme: 'dark' }),
      'chats.setBackground': () => t.chats.setBackground.mutate({ chatId, mediaId: eveMedia }),
      'chats.setDisappearing': () => t.chats.setDisappearing.mutate({ chatId, seconds: 86_400 }),
      'chats.media': () => t.chats.media.query({ chatId }),
      'messages.history': () => t.messages.history.query({ chatId }),
      'messages.send': () => t.messages.send.mutate({ chatId, clientId: 'x', text: 'let me in' }),
      'messages.edit': () => t.messages.edit.mutate({ messageId, text: 'changed' }),
      'messages.edits': () => t.messages.edits.query({ messageId }),
      'messages.delete': () => t.messages.delete.mutate({ messageId, forEveryone: false }),
      'messages.react': () => t.messages.react.mutate({ messageId, emoji: '😈' }),
      'messages.receipts': () => t.messages.receipts.query({ messageId }),
      'messages.forward': () => t.messages.forward.mutate({ messageId, chatIds: [eveChat] }),
      'messages.search': () => t.messages.search.query({ query: 'photo', chatId }),
      'messages.star': () => t.messages.star.mutate({ messageId, starred: true }),
      'groups.info': () => t.groups.info.query({ chatId: groupId }),
      'groups.update': () => t.groups.update.mutate({ chatId: groupId, name: 'Mine now' }),
      'groups.setImage': () => t.groups.setImage.mutate({ chatId: groupId, mediaId: eveMedia }),
      'groups.removeImage': () => t.groups.removeImage.mutate({ chatId: groupId }),
      'groups.delete': () => t.groups.delete.mutate({ chatId: groupId }),
      'groups.report': () => t.groups.report.mutate({ chatId: groupId, reason: 'spam' }),
      'groups.members': () => t.groups.members.query({ chatId: groupId }),
      'groups.addMembers': () => t.groups.addMembers.mutate({ chatId: groupId, userIds: [eve.user.id] }),
      'groups.removeMember': () => t.groups.removeMember.mutate({ chatId: groupId, userId: ben.user.id }),
      'groups.leave': () => t.groups.leave.mutate({ chatId: groupId }),
      'groups.promote': () => t.groups.promote.mutate({ chatId: groupId, userId: eve.user.id }),
      'groups.demote': () => t.groups.demote.mutate({ chatId: groupId, userId: ana.user.id }),
      'groups.setPermissions': () => t.groups.setPermissions.mutate({ chatId: groupId, send: 'all', editInfo: 'all', addMembers: 'all' }),
      'groups.inviteLink': () => t.groups.inviteLink.mutate({ chatId: groupId }),
      'groups.revokeInviteLink': () => t.groups.revokeInviteLink.mutate({ chatId: groupId }),
      'polls.create': () => t.polls.create.mutate({ chatId: groupId, question: 'Mine?', options: ['a', 'b'], multipleAnswers: false }),
      'polls.vote': () => t.polls.vote.mutate({ pollId, optionIds: [] }),
      'polls.results': () => t.polls.results.query({ pollId }),
      'media.get': () => t.media.get.query({ mediaId }),
      'media.url': () => t.media.url.query({ mediaId }),
      'me.setAvatar': () => t.me.setAvatar.mutate({ mediaId }),
      'users.report': () => t.users.report.mutate({ userId: ana.user.id, reason: 'spam', messageIds: [messageId] }),
      'calls.start': () => t.calls.start.mutate({ chatId, video: true }),
      'calls.accept': () => t.calls.accept.mutate({ callId }),
      'calls.decline': () => t.calls.decline.mutate({ callId }),
      'calls.end': () => t.calls.end.mutate({ callId }),
      'calls.keepAlive': () => t.calls.keepAlive.mutate({ callId }),
      'calls.signal': () => t.calls.signal.mutate({ callId, toUserId: ana.user.id, description: { type: 'offer', sdp: 'v=0' } }),
      'stories.delete': () => t.stories.delete.mutate({ storyId }),
      'stories.view': () => t.stories.view.mutate({ storyId }),
      'stories.viewers': () => t.stories.viewers.query({ storyId }),
      'stories.reply': () => t.stories.reply.mutate({ storyId, text: 'let me in' }),
      'stories.post': () => t.stories.post.mutate({ kind: 'image', mediaId }),
      'chats.setLabels': () => t.chats.setLabels.mutate({ chatId, labels: ['Mine now'] }),
      'contacts.acceptMessageRequest': () => t.contacts.acceptMessageRequest.mutate({ chatId }),
      'contacts.deleteMessageRequest': () => t.contacts.deleteMessageRequest.mutate({ chatId, block: true }),
      'location.share': () => t.location.share.mutate({ chatId, lat: 1, lng: 2, liveForSeconds: 900 }),
      'emoticons.create': () => t.emoticons.create.mutate({ shortcut: 'stolen', mediaId }),
      'emoticons.save': () => t.emoticons.save.mutate({ messageId }),
    };
  };

  it('covers every procedure that takes a chat, message, poll, story or media id', () => {
    const covered = Object.keys(attempts());
    const missing = guardedProcedures().filter((path) => !covered.includes(path));
    expect(missing, 'procedures with no outsider check in this table').toEqual([]);
  });

  it('answers an outsider NOT_FOUND from each of them, and changes nothing', async () => {
    for (const [path, attempt] of Object.entries(attempts())) {
      await expect(attempt(), path).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    }
    const group = await ana.trpc.groups.info.query({ chatId: ids.groupId });
    expect(group).toMatchObject({ name: 'Private group' });
    const { messages } = await ben.trpc.messages.history.query({ chatId: ids.chatId });
    expect(messages.map((m) => m.id)).toEqual([ids.messageId]);
    const media = await fetch(`${server.url}/media/${ids.mediaId}`, { headers: { authorization: `Bearer ${eve.tokens.accessToken}` } });
    expect(media.status).toBe(404);
    expect((await ben.trpc.calls.current.query()).calls).toMatchObject([{ id: ids.callId, state: 'active' }]);
  });
});
