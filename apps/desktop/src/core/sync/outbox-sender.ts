import type { MessageView } from '@confab/api';
import { messageNew } from '../cache/apply-event.js';
import type { Cache } from '../cache/cache.js';
import { newChangeSet, type ChangeSet, type WriteContext } from '../cache/change-set.js';
import { isLocalMessageId } from '../cache/message-row.js';
import type { OutboxEntry, OutboxOp } from '../cache/outbox.repo.js';
import { storeMessage } from '../cache/store.js';
import { errorCode, isRefusal, isSessionEnded, messageOf, retryAfterSeconds } from './errors.js';
import type { ApiClient } from './transport.js';

export interface OutboxDeps {
  cache: Cache;
  me: string;
  http: ApiClient;
  now: () => Date;
  onChanges(changes: ChangeSet): void;
  onRefused(refusal: Refusal): void;
  /** Called after a temporary failure, with the suggested wait. */
  onTemporaryFailure(retryInMs: number | null): void;
}

/** What the server refused: a send (kept, failed, for the user to retry or discard), or another action. */
export type Refusal =
  | { op: 'send'; chatId: string; clientId: string; reason: string }
  | { op: 'other'; chatId: string; messageId: string | null; reason: string };

/** After this many server errors in a row, an entry is treated as refused so the queue moves on. */
const MAX_SERVER_ERRORS = 8;

class Refused extends Error {}

/**
 * Sends the outbox, oldest first, one entry at a time. An entry leaves the outbox in the same
 * transaction that stores the server's answer; if the app dies in between, the entry is sent
 * again with the same clientId and the server returns what it already stored, so nothing is
 * sent twice. A refusal marks the entry failed and the queue goes on; any other failure stops
 * the queue until the next flush.
 */
export class OutboxSender {
  private running: Promise<void> | null = null;
  private again = false;
  /** The entry whose request is on the wire, if any. */
  inFlight: string | null = null;

  constructor(private readonly deps: OutboxDeps) {}

  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const { cache } = this.deps;
    for (let entry = cache.outbox.next(); entry; entry = cache.outbox.next()) {
      this.inFlight = entry.item.clientId;
      try {
        const answer = await this.perform(entry.item);
        this.commit(entry, answer);
      } catch (error) {
        if (isSessionEnded(error)) return;
        const serverError = errorCode(error) === 'INTERNAL_SERVER_ERROR' && entry.attempts + 1 >= MAX_SERVER_ERRORS;
        if (error instanceof Refused || isRefusal(error) || serverError) {
          this.refuse(entry, messageOf(error));
          continue;
        }
        cache.outbox.noteAttempt(entry.n, messageOf(error));
        const wait = retryAfterSeconds(error);
        this.deps.onTemporaryFailure(wait === null ? null : wait * 1000);
        return;
      } finally {
        this.inFlight = null;
      }
    }
  }

  private async perform(item: OutboxOp): Promise<MessageView | null> {
    const { http } = this.deps;
    switch (item.op) {
      case 'send': {
        const replyToId = item.replyToId ? this.resolve(item.chatId, item.replyToId, false) : undefined;
        return http.messages.send.mutate({
          chatId: item.chatId,
          clientId: item.clientId,
          text: item.text,
          ...(replyToId ? { replyToId } : {}),
          ...(item.mentions?.length ? { mentions: item.mentions } : {}),
        });
      }
      case 'edit':
        return http.messages.edit.mutate({ messageId: this.resolve(item.chatId, item.messageId, true)!, text: item.text });
      case 'delete':
        await http.messages.delete.mutate({ messageId: this.resolve(item.chatId, item.messageId, true)!, forEveryone: item.forEveryone });
        return null;
      case 'react': {
        const messageId = this.resolve(item.chatId, item.messageId, true)!;
        await http.messages.react.mutate(item.emoticonId ? { messageId, emoticonId: item.emoticonId } : { messageId, emoji: item.emoji });
        return null;
      }
      case 'markRead':
        await http.chats.markRead.mutate({ chatId: item.chatId, seq: item.seq });
        return null;
      // The server's `notification` event then brings its count; ids it no longer has are ignored.
      case 'notificationsRead':
        await http.notifications.markRead.mutate({ ids: item.ids });
        return null;
      case 'notificationsAllRead':
        await http.notifications.markAllRead.mutate();
        return null;
      case 'notificationDelete':
        await http.notifications.delete.mutate({ id: item.id });
        return null;
      case 'storyView':
        await http.stories.view.mutate({ storyId: item.storyId });
        return null;
    }
  }

  /**
   * A `local:` id (an action on a message that was still pending when it was taken) becomes
   * the server's id; the send went first, so it is known unless that send was refused.
   */
  private resolve(chatId: string, messageId: string, required: boolean): string | undefined {
    if (!isLocalMessageId(messageId)) return messageId;
    const row = this.deps.cache.messages.byClientId(chatId, this.deps.me, messageId.slice('local:'.length));
    if (row && !isLocalMessageId(row.id)) return row.id;
    if (required) throw new Refused('The message was never sent');
    return undefined;
  }

  private commit(entry: OutboxEntry, answer: MessageView | null): void {
    const changes = newChangeSet();
    const ctx: WriteContext = { cache: this.deps.cache, me: this.deps.me, now: this.deps.now, changes };
    this.deps.cache.transaction(() => {
      if (answer && entry.item.op === 'send') messageNew(ctx, answer);
      else if (answer) storeMessage(ctx, answer, { authoritative: true });
      if (answer) changes.events.push({ type: entry.item.op === 'send' ? 'message.new' : 'message.updated', message: answer });
      this.deps.cache.outbox.remove(entry.n);
    });
    this.deps.onChanges(changes);
  }

  /** A send stays as a failed message the user can retry or discard; other actions are dropped. */
  private refuse(entry: OutboxEntry, reason: string): void {
    const { cache } = this.deps;
    const item = entry.item;
    const changes = newChangeSet();
    cache.transaction(() => {
      if (item.op !== 'send') {
        cache.outbox.remove(entry.n);
        return;
      }
      cache.outbox.markFailed(entry.n, reason);
      const row = cache.messages.byClientId(item.chatId, this.deps.me, item.clientId);
      const chat = cache.chats.get(item.chatId);
      if (row && chat && row.status === 'pending') cache.messages.replace(row, { ...row, status: 'failed' }, chat.no);
      changes.events.push({ type: 'outbox.refused', chatId: item.chatId, clientId: item.clientId, reason });
    });
    this.deps.onChanges(changes);
    // A story gone before the view was sent, a notification deleted elsewhere first: nothing to tell anyone.
    if (item.op === 'storyView' || item.op === 'notificationDelete') return;
    if (item.op === 'send') this.deps.onRefused({ op: 'send', chatId: item.chatId, clientId: item.clientId, reason });
    else this.deps.onRefused({ op: 'other', chatId: item.chatId, messageId: 'messageId' in item ? item.messageId : null, reason });
  }
}
