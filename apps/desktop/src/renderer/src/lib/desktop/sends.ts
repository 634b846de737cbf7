import { BackendError, type MessageView } from '../backend';

interface Waiting {
  resolve(message: MessageView): void;
  reject(error: BackendError): void;
  chatId: string;
}

/**
 * Messages the screens sent through the core's outbox. The screens name a message by their own
 * clientId; the core gives it one of its own, which is what reaches the server. This keeps the
 * pairing (so the screens recognise their message when it arrives), and the promise of each
 * send, which settles only when the server has the message — offline, that is when the
 * connection returns — or refused it.
 */
export class DesktopSends {
  /** core clientId → the screens' clientId */
  private readonly screenIds = new Map<string, string>();
  /** the screens' clientId → the core's local message id (for a retry) */
  private readonly localIds = new Map<string, string>();
  private readonly waiting = new Map<string, Waiting>();

  track(coreClientId: string, screenClientId: string, localMessageId: string, chatId: string): Promise<MessageView> {
    this.screenIds.set(coreClientId, screenClientId);
    this.localIds.set(screenClientId, localMessageId);
    return this.wait(coreClientId, chatId);
  }

  /**
   * A message already in the core's outbox that this window did not send (the app restarted
   * with it unsent): the screens show it under the core's own clientId, and settle it, or retry
   * it, like one of theirs. False when it is one of this window's own sends.
   */
  adopt(coreClientId: string, localMessageId: string, chatId: string): boolean {
    const screenId = this.screenIds.get(coreClientId);
    if (screenId !== undefined) return screenId === coreClientId;
    this.screenIds.set(coreClientId, coreClientId);
    this.localIds.set(coreClientId, localMessageId);
    // Nobody awaits an adopted send: its arrival is seen as message.new.
    this.wait(coreClientId, chatId).catch(() => undefined);
    return true;
  }

  /** A second send of the same screen message: the core's copy to retry, if there is one. */
  localIdOf(screenClientId: string): string | null {
    return this.localIds.get(screenClientId) ?? null;
  }

  wait(coreClientId: string, chatId: string): Promise<MessageView> {
    return new Promise((resolve, reject) => this.waiting.set(coreClientId, { resolve, reject, chatId }));
  }

  coreClientIdOf(screenClientId: string): string | null {
    for (const [core, screen] of this.screenIds) if (screen === screenClientId) return core;
    return null;
  }

  screenIdOf(coreClientId: string): string | undefined {
    return this.screenIds.get(coreClientId);
  }

  /** Chats with a send still waiting (re-read on every change, whatever the screens show). */
  waitingChats(): Set<string> {
    return new Set([...this.waiting.values()].map((w) => w.chatId));
  }

  isWaiting(coreClientId: string): boolean {
    return this.waiting.has(coreClientId);
  }

  delivered(coreClientId: string, message: MessageView): void {
    const waiting = this.waiting.get(coreClientId);
    this.waiting.delete(coreClientId);
    const screenId = this.screenIds.get(coreClientId);
    if (screenId) this.localIds.delete(screenId);
    waiting?.resolve(message);
  }

  refused(coreClientId: string, reason: string | null): void {
    const waiting = this.waiting.get(coreClientId);
    this.waiting.delete(coreClientId);
    waiting?.reject(new BackendError('REFUSED', reason ?? 'The message could not be sent.'));
  }

  /** Signed out: nothing pending survives. */
  clear(): void {
    for (const waiting of this.waiting.values()) waiting.reject(new BackendError('UNAUTHORIZED', 'Signed out.'));
    this.waiting.clear();
    this.screenIds.clear();
    this.localIds.clear();
  }
}
