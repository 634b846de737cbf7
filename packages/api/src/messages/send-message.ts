import { loadActiveMembership } from '../chats/membership.js';
import { settleRequestStates } from '../contacts/message-requests.repo.js';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { validMentions } from '../groups/send-rules.js';
import { limitAction } from '../lib/action-limits.js';
import { transactCoalesced } from '../lib/transact.js';
import { notifyAboutMessage } from '../notifications/message-notifications.js';
import type { AuthedContext } from '../trpc.js';
import { contactMeta } from './kinds/contact-content.js';
import type { MessageContent } from './kinds/content.js';
import { linkMeta } from './kinds/link-content.js';
import { locationMeta } from './kinds/location-content.js';
import { mediaMeta } from './kinds/media-content.js';
import { findByClientId, insertMessage } from './insert-message.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { messagingSettings } from './messaging-settings.js';
import { toMessageView } from './message-view.js';
import { messageViews } from './messages.repo.js';
import { assertMayPost } from './post-rules.js';
import type { SendMessageInput } from './send-input.js';
import { sendPlainText } from './send-in-one-statement.js';
import { withEmoticons } from '../emoticons/message-emoticons.js';
import { shortcutsIn } from '../emoticons/shortcut.js';


/** Past the per-user cap a new message is refused; a retry of one already stored never is (it stores nothing). */
async function limitSends(deps: Deps, me: string, input: SendMessageInput): Promise<void> {
  try {
    await limitAction(deps, 'sends', me);
  } catch (error) {
    if (!(await findByClientId(deps.db, input.chatId, me, input.clientId))) throw error;
  }
}

/**
 * Sends a message of any kind. Everything slow or fallible about the content (the upload's
 * checks and probe, a link's preview over the network) happens before the transaction, so the
 * chat row is locked only for the insert itself. A repeated clientId returns the stored message.
 * Sends that reach a busy chat together are stored in one transaction (`transactCoalesced`): a
 * big group's member streams are then advanced once per batch instead of once per message.
 * A plain text message, the common case, takes one statement instead (send-in-one-statement.ts).
 */
export async function sendMessage(ctx: AuthedContext, input: SendMessageInput) {
  const { deps } = ctx;
  const me = ctx.user.id;
  await limitSends(deps, me, input);
  await settleRequestStates(deps, input.chatId, me);
  // Text naming an emoticon (`:party:`) takes the full path, which looks the sender's emoticons up.
  if (input.kind === 'text' && !input.replyToId && !input.mentions?.length && shortcutsIn(input.text ?? null).length === 0) {
    const sent = await sendPlainText(deps, { chatId: input.chatId, senderId: me, clientId: input.clientId, text: input.text! });
    if (sent) return sent;
  }
  const membership = await loadActiveMembership(deps.db, input.chatId, me);
  const { chat } = membership;
  const now = deps.clock.now();

  const earlier = await findByClientId(deps.db, chat.id, me, input.clientId);
  if (earlier) return (await messageViews(deps.db, [earlier], now))[0]!;

  await assertMayPost(deps.db, membership, me);
  if (input.replyToId) {
    const quoted = await loadVisibleMessage(deps.db, input.replyToId, me, now).catch(() => null);
    if (!quoted || quoted.message.chatId !== chat.id) throw fail.notFound('Quoted message');
  }
  const content = await withEmoticons(deps.db, me, await contentOf(deps, me, input));

  const { message } = await transactCoalesced(deps, `chat:${chat.id}`, async (trx, emit) => {
    const mentions = await validMentions(trx, chat.id, me, input.mentions);
    const withMentions = mentions ? { ...content, meta: { ...content.meta, mentions } } : content;
    const inserted = await insertMessage(trx, emit, { chatId: chat.id, senderId: me, clientId: input.clientId, content: withMentions, replyToId: input.replyToId ?? null, now: deps.clock.now() });
    if (inserted.created) await notifyAboutMessage(trx, emit, chat, inserted.message);
    return inserted;
  });
  return input.replyToId ? (await messageViews(deps.db, [message], now))[0]! : toMessageView(message);
}

async function contentOf(deps: Deps, me: string, input: SendMessageInput): Promise<MessageContent> {
  const caption = input.text?.trim() ? input.text : null;
  switch (input.kind) {
    case 'text':
      return { kind: 'text', text: input.text!, mediaId: null, meta: null };
    case 'link':
      return { kind: 'link', text: input.text!, mediaId: null, meta: await linkMeta(deps, input.text!) };
    case 'image':
    case 'video':
    case 'audio':
    case 'voice':
    case 'document':
    case 'sticker':
      return { kind: input.kind, text: caption, mediaId: input.mediaId!, meta: await mediaMeta(deps, me, input.kind, input.mediaId!) };
    case 'contact':
      return { kind: 'contact', text: null, mediaId: null, meta: await contactMeta(deps.db, input.contact!) };
    case 'location':
      return { kind: 'location', text: null, mediaId: null, meta: locationMeta(input.location!, messagingSettings(deps).mapTileUrlTemplate) };
    case 'poll':
      throw fail.badRequest('Create polls with polls.create');
  }
}
