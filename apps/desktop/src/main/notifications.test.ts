import { describe, expect, it } from 'vitest';
import type { NotificationToShow } from '../core/index.js';
import { NotificationPresenter, type NotificationHandle, type NotificationOptions } from './notifications.js';

class FakeNotification implements NotificationHandle {
  shown = false;
  private readonly listeners = new Map<string, () => void>();
  constructor(readonly options: NotificationOptions) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
  }
  show() {
    this.shown = true;
  }
  fire(event: 'click' | 'close') {
    this.listeners.get(event)?.();
  }
}

const note: NotificationToShow = { chatId: 'chat-1', messageId: 'm-1', title: 'Ben Okafor', body: 'Bring the café receipts' };

describe('OS notifications', () => {
  it('show the sender as title and the preview as body; a click opens that chat', () => {
    const made: FakeNotification[] = [];
    const opened: string[] = [];
    const presenter = new NotificationPresenter(
      (options) => {
        const n = new FakeNotification(options);
        made.push(n);
        return n;
      },
      (n) => opened.push(n.chatId),
    );
    presenter.show(note);
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ title: 'Ben Okafor', body: 'Bring the café receipts', silent: false });
    expect(made[0]!.shown).toBe(true);
    made[0]!.fire('click');
    expect(opened).toEqual(['chat-1']);
  });

  it('show nothing where the OS has no notifications', () => {
    const made: unknown[] = [];
    const presenter = new NotificationPresenter((options) => (made.push(options), new FakeNotification(options)), () => undefined, () => false);
    presenter.show(note);
    expect(made).toEqual([]);
  });
});
