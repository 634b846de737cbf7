import { z } from 'zod';
import { loadActiveMembership } from '../chats/membership.js';
import { openDirect } from '../chats/open-direct.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { insertMessage } from '../messages/insert-message.js';
import { toMessageView } from '../messages/message-view.js';
import { assertMayPost } from '../messages/post-rules.js';
import { notify, snippetOf } from '../notifications/notify.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleStory } from './stories.repo.js';

export const replyStoryInput = z
  .object({
    storyId: id,
    text: z.string().trim().min(1, 'Write a reply').max(4096, 'Keep a reply under 4096 characters'),
  })
  .strict();

/** What a story reply quotes: enough to draw the thumbnail and "replied to your status". */
export interface StoryQuote {
  storyId: string;
  authorId: string;
  kind: 'text' | 'image' | 'video';
  text: string | null;
  mediaId: string | null;
  background: string | null;
  font: string | null;
}

/**
 * A reply to a story is a direct message to its author (the 1:1 chat is opened if need be),
 * carrying the story it answers as `meta.storyReply`. The usual send rules apply (a block
 * either way refuses it).
 */
export async function replyStory(ctx: AuthedContext, input: z.infer<typeof replyStoryInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const story = await loadVisibleStory(deps.db, input.storyId, me, deps.clock.now());
  if (story.authorId === me) throw fail.badRequest('Reply to someone else’s status');
  const chat = await openDirect(ctx, { userId: story.authorId });
  const membership = await loadActiveMembership(deps.db, chat.id, me);
  await assertMayPost(deps.db, membership, me);

  const storyReply: StoryQuote = { storyId: story.id, authorId: story.authorId, kind: story.kind, text: story.text, mediaId: story.mediaId, background: story.background, font: story.font };
  const message = await transact(deps, async (trx, emit) => {
    const { message: stored } = await insertMessage(trx, emit, {
      chatId: chat.id,
      senderId: me,
      clientId: `story-reply:${newId()}`,
      content: { kind: 'text', text: input.text, mediaId: null, meta: { storyReply } },
      replyToId: null,
      now: deps.clock.now(),
    });
    await notify(trx, emit, { userId: story.authorId, actorId: me, kind: 'story.reply', category: 'stories', chatId: chat.id, messageId: stored.id, storyId: story.id, snippet: snippetOf(input.text), now: deps.clock.now() });
    return stored;
  });
  return toMessageView(message);
}
