import type { FocusState as Focus } from '../shared/notify/policy.js';

/**
 * Which chat is on screen and whether the window has focus, kept together because the core's
 * notification policy needs both: the page reports the chat, the window reports focus.
 */
export class FocusState {
  private openChatId: string | null = null;
  private windowFocused = true;

  constructor(private readonly target: { setFocus(focus: Focus): void }) {}

  setOpenChat(chatId: string | null): void {
    this.openChatId = chatId;
    this.push();
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    this.push();
  }

  private push(): void {
    this.target.setFocus({ openChatId: this.openChatId, windowFocused: this.windowFocused });
  }
}
